// The instant of a new moon, from Jean Meeus, Astronomical Algorithms (2nd ed.), chapter 49 ("Phases
// of the Moon"): mean phase, the periodic terms for the new moon and the 14 planetary arguments.
// Accurate to well under a minute for this century, which is what deciding the Beijing calendar day of
// a new moon near midnight needs (see chinese-calendar.ts for why ICU alone is not enough).

const RAD = Math.PI / 180;
const sin = (deg: number) => Math.sin(deg * RAD);

/** Julian Ephemeris Day of new moon number k (k = 0: the new moon of 2000-01-06). */
function newMoonJde(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const T4 = T3 * T;
  let jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * T2 - 0.00000015 * T3 + 0.00000000073 * T4;
  const E = 1 - 0.002516 * T - 0.0000074 * T2;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T2 - 0.00000011 * T3;
  const Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4;
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4;
  const Om = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3;
  jde +=
    -0.4072 * sin(Mp) +
    0.17241 * E * sin(M) +
    0.01608 * sin(2 * Mp) +
    0.01039 * sin(2 * F) +
    0.00739 * E * sin(Mp - M) -
    0.00514 * E * sin(Mp + M) +
    0.00208 * E * E * sin(2 * M) -
    0.00111 * sin(Mp - 2 * F) -
    0.00057 * sin(Mp + 2 * F) +
    0.00056 * E * sin(2 * Mp + M) -
    0.00042 * sin(3 * Mp) +
    0.00042 * E * sin(M + 2 * F) +
    0.00038 * E * sin(M - 2 * F) -
    0.00024 * E * sin(2 * Mp - M) -
    0.00017 * sin(Om) -
    0.00007 * sin(Mp + 2 * M) +
    0.00004 * sin(2 * Mp - 2 * F) +
    0.00004 * sin(3 * M) +
    0.00003 * sin(Mp + M - 2 * F) +
    0.00003 * sin(2 * Mp + 2 * F) -
    0.00003 * sin(Mp + M + 2 * F) +
    0.00003 * sin(Mp - M + 2 * F) -
    0.00002 * sin(Mp - M - 2 * F) -
    0.00002 * sin(3 * Mp + M) +
    0.00002 * sin(4 * Mp);
  const planetary: [number, number, number][] = [
    [0.000325, 299.77, 0.107408],
    [0.000165, 251.88, 0.016321],
    [0.000164, 251.83, 26.651886],
    [0.000126, 349.42, 36.412478],
    [0.00011, 84.66, 18.206239],
    [0.000062, 141.74, 53.303771],
    [0.00006, 207.14, 2.453732],
    [0.000056, 154.84, 7.30686],
    [0.000047, 34.52, 27.261239],
    [0.000042, 207.19, 0.121824],
    [0.00004, 291.34, 1.844379],
    [0.000037, 161.72, 24.198154],
    [0.000035, 239.56, 25.513099],
    [0.000023, 331.55, 3.592518],
  ];
  planetary.forEach(([amplitude, a0, a1], i) => {
    const argument = a0 + a1 * k - (i === 0 ? 0.009173 * T2 : 0);
    jde += amplitude * sin(argument);
  });
  return jde;
}

/** ΔT = TT − UT in seconds, NASA's polynomial for 2005-2050 (Espenak & Meeus), used a little beyond. */
function deltaTSeconds(year: number): number {
  const t = year - 2000;
  return 62.92 + 0.32217 * t + 0.005589 * t * t;
}

const JD_UNIX_EPOCH = 2440587.5;

/**
 * The UTC instant (ms) of the new moon nearest to `near`.
 * @example nearestNewMoon(Date.UTC(2027, 1, 6)) // ≈ 2027-02-06T15:56Z (the annular eclipse's new moon)
 */
export function nearestNewMoon(near: number): number {
  const year = new Date(near).getUTCFullYear() + new Date(near).getUTCMonth() / 12;
  let k = Math.round((year - 2000) * 12.3685);
  let best = Number.NaN;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of [k - 1, k, k + 1]) {
    const jde = newMoonJde(candidate);
    const at = (jde - JD_UNIX_EPOCH) * 86_400_000 - deltaTSeconds(year) * 1000;
    const distance = Math.abs(at - near);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = at;
      k = candidate;
    }
  }
  return Math.round(best);
}
