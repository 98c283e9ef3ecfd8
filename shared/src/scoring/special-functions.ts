// Special functions for the customer-base models: log-gamma, digamma and a few log-space helpers.
// Plain ES (no dependency): the models need only these, and the best-known JS packages for them
// either pull in a large numerics stack or are unmaintained.

// Lanczos coefficients for g = 671/128 and n = 14, from Numerical Recipes 3rd ed. §6.1 (gammln):
// relative accuracy better than 1e-15 for every x > 0. The book prints 18 digits; these are the same
// numbers as doubles (shortest round-trip form).
const LANCZOS = [
  57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202, 0.00003399464998481189,
  0.00004652362892704858, -0.00009837447530487956, 0.0001580887032249125, -0.00021026444172410488,
  0.00021743961811521265, -0.0001643181065367639, 0.00008441822398385275, -0.000026190838401581408,
  0.0000036899182659531625,
];
const SQRT_2PI = 2.5066282746310007;
const LANCZOS_C0 = 0.9999999999999971;

/**
 * ln Γ(x) for x > 0 (NaN otherwise).
 * @example lgamma(5) // ln 24 = 3.1780538303479458
 */
export function lgamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  let y = x;
  const tmp0 = x + 5.2421875;
  const tmp = (x + 0.5) * Math.log(tmp0) - tmp0;
  let ser = LANCZOS_C0;
  for (let j = 0; j < 14; j++) ser += LANCZOS[j]! / ++y;
  return tmp + Math.log((SQRT_2PI * ser) / x);
}

/**
 * ψ(x) = d/dx ln Γ(x) for x > 0: upward recurrence to x ≥ 10, then the asymptotic series
 * (Abramowitz & Stegun 6.3.18), accurate to about 1e-15.
 * @example digamma(1) // -0.5772156649015329 (minus the Euler–Mascheroni constant)
 */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let acc = 0;
  let v = x;
  while (v < 10) {
    acc -= 1 / v;
    v += 1;
  }
  const inv = 1 / v;
  const inv2 = inv * inv;
  return (
    acc +
    Math.log(v) -
    0.5 * inv -
    inv2 *
      (1 / 12 -
        inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - (691 / 32760) * inv2)))))
  );
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/** ln(1 + e^x) without overflow for large x nor loss for very negative x. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** ln(e^a + e^b), exact in the limits (either side may be −∞). */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** 1 / (1 + e^x): the probability whose log-odds against is x, with no overflow. */
export function logisticOfMinus(x: number): number {
  if (x > 0) {
    const e = Math.exp(-x);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(x));
}
