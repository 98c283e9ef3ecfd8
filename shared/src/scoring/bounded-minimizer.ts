// A small bounded quasi-Newton minimiser for the handful of log-parameters of the customer-base models.
//
// Why not a package: npm has no maintained bounded optimiser for plain JS (fmin is unconstrained and
// unmaintained since 2016; numeric.js likewise), and the problems here are tiny (3-4 smooth dimensions
// with analytic gradients), where a projected BFGS is the textbook choice (Nocedal & Wright, Numerical
// Optimization, 2nd ed., §6.1 for BFGS, §16.7 for gradient projection on a box). Several starts guard
// against the flat ridges these likelihoods have when data are thin.

/** Objective: returns f(x) and writes ∇f(x) into `grad`. */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

export interface MinimizeOptions {
  lower: readonly number[];
  upper: readonly number[];
  /** Starting points (clamped into the box); the best end point wins. */
  starts: readonly (readonly number[])[];
  /**
   * Stop when the projected gradient's largest component is below this. Default 1e-8: for a mean
   * log-likelihood the rounding floor of the gradient is near 1e-9.
   */
  gradientTolerance?: number;
  /**
   * Tolerance for the first pass over all starts (default 1e-4); only the best of them is then polished
   * to `gradientTolerance`, so extra starts cost little.
   */
  screeningTolerance?: number;
  /** Default 500 iterations per start. */
  maxIterations?: number;
}

export interface MinimizeResult {
  x: number[];
  f: number;
  converged: boolean;
  iterations: number;
  evaluations: number;
  /** Indices of parameters that ended on a bound (a boundary optimum: the data cannot pin them). */
  atBound: number[];
}

/**
 * Minimises a smooth function on a box with projected BFGS and Armijo backtracking, from several starts.
 * @example minimizeBounded((x, g) => { g[0] = 2 * (x[0]! - 3); return (x[0]! - 3) ** 2; },
 *   { lower: [0], upper: [10], starts: [[1]] }).x // [3]
 */
export function minimizeBounded(fn: ObjectiveWithGradient, opts: MinimizeOptions): MinimizeResult {
  const tol = opts.gradientTolerance ?? 1e-8;
  let best: Run | undefined;
  let evaluations = 0;
  for (const start of opts.starts) {
    const r = minimizeFrom(fn, start, opts, Math.max(tol, opts.screeningTolerance ?? 1e-4));
    evaluations += r.evaluations;
    if (Number.isFinite(r.f) && (!best || r.f < best.f)) best = r;
  }
  if (!best) throw new Error('minimizeBounded: the objective was not finite at any start point');
  // Polish the best start, keeping the curvature it has learnt.
  const polished = minimizeFrom(fn, best.x, opts, tol, best.H);
  evaluations += polished.evaluations;
  const { H: _h, ...winner } = polished.f <= best.f ? polished : best;
  return { ...winner, iterations: best.iterations + polished.iterations, evaluations };
}

interface Run extends MinimizeResult {
  H: Float64Array[];
}

function minimizeFrom(
  fn: ObjectiveWithGradient,
  start: readonly number[],
  opts: MinimizeOptions,
  tol: number,
  H0?: Float64Array[],
): Run {
  const n = start.length;
  const { lower, upper } = opts;
  const maxIter = opts.maxIterations ?? 500;
  const clamp = (v: number, i: number) => Math.min(upper[i]!, Math.max(lower[i]!, v));

  let x = Float64Array.from(start, clamp);
  let g = new Float64Array(n);
  let f = fn(x, g);
  let evaluations = 1;
  // H approximates the inverse Hessian on the free variables.
  const H = H0 ? H0.map((row) => Float64Array.from(row)) : identity(n);
  if (!Number.isFinite(f))
    return { x: [...x], f, converged: false, iterations: 0, evaluations, atBound: [], H };

  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let converged = false;
  let iter = 0;
  let stalls = 0;

  for (; iter < maxIter; iter++) {
    // A variable is held when it sits on a bound and the gradient pushes it outwards.
    const held = (i: number) => (x[i]! <= lower[i]! && g[i]! > 0) || (x[i]! >= upper[i]! && g[i]! < 0);
    let pgMax = 0;
    for (let i = 0; i < n; i++) if (!held(i)) pgMax = Math.max(pgMax, Math.abs(g[i]!));
    if (pgMax < tol) {
      converged = true;
      break;
    }

    for (let i = 0; i < n; i++) {
      let s = 0;
      if (!held(i)) for (let j = 0; j < n; j++) if (!held(j)) s -= H[i]![j]! * g[j]!;
      d[i] = s;
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += d[i]! * g[i]!;
    if (!(slope < 0)) {
      // Not a descent direction (curvature information went stale): restart from steepest descent.
      resetIdentity(H);
      for (let i = 0; i < n; i++) d[i] = held(i) ? 0 : -g[i]!;
    }
    // Keep the first steps modest: the log-parameters move by at most 2 (a factor e²) per step.
    let dMax = 0;
    for (let i = 0; i < n; i++) dMax = Math.max(dMax, Math.abs(d[i]!));
    let t = dMax > 2 ? 2 / dMax : 1;

    let fNew = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let k = 0; k < 40; k++) {
      let decrease = 0;
      for (let i = 0; i < n; i++) {
        xNew[i] = clamp(x[i]! + t * d[i]!, i);
        decrease += g[i]! * (xNew[i]! - x[i]!);
      }
      fNew = fn(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * decrease) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) {
      // No progress possible along any projected direction at machine precision.
      converged = pgMax < Math.sqrt(tol);
      break;
    }

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
      sy += s[i]! * y[i]!;
    }
    if (sy > 1e-12) {
      if (iter === 0 && !H0) {
        // Scale the initial inverse Hessian to the observed curvature (Nocedal & Wright eq. 6.20).
        let yy = 0;
        for (let i = 0; i < n; i++) yy += y[i]! * y[i]!;
        for (let i = 0; i < n; i++) H[i]![i] = sy / yy;
      }
      bfgsUpdate(H, s, y, sy);
    }

    const fPrev = f;
    x = Float64Array.from(xNew);
    [g, gNew] = [gNew, g];
    f = fNew;
    // Progress below the objective's rounding: more iterations cannot improve the point.
    stalls = Math.abs(fPrev - f) <= 1e-14 * (1 + Math.abs(f)) ? stalls + 1 : 0;
    if (stalls >= 2) {
      converged = true;
      break;
    }
  }
  const atBound: number[] = [];
  for (let i = 0; i < n; i++) if (x[i]! <= lower[i]! || x[i]! >= upper[i]!) atBound.push(i);
  return { x: [...x], f, converged, iterations: iter, evaluations, atBound, H };
}

function identity(n: number): Float64Array[] {
  return Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n);
    row[i] = 1;
    return row;
  });
}

function resetIdentity(H: Float64Array[]): void {
  for (let i = 0; i < H.length; i++) {
    H[i]!.fill(0);
    H[i]![i] = 1;
  }
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / (yᵀ s). */
function bfgsUpdate(H: Float64Array[], s: Float64Array, y: Float64Array, sy: number): void {
  const n = s.length;
  const rho = 1 / sy;
  const Hy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += H[i]![j]! * y[j]!;
    Hy[i] = v;
  }
  let yHy = 0;
  for (let i = 0; i < n; i++) yHy += y[i]! * Hy[i]!;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      H[i]![j] =
        H[i]![j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!;
    }
  }
}

/**
 * The observed information (Hessian of a negative log-likelihood summed over `n` observations, the
 * objective being its mean) at a minimum, from central differences of the analytic gradient, as its
 * eigen-decomposition: what the variance of any combination of the parameters is computed from.
 */
export interface Information {
  values: number[];
  vectors: number[][];
}

export function observedInformation(
  fn: ObjectiveWithGradient,
  at: readonly number[],
  n: number,
): Information {
  const k = at.length;
  const h = 1e-4;
  const H: number[][] = [];
  const g1 = new Float64Array(k);
  const g2 = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const x1 = Float64Array.from(at);
    const x2 = Float64Array.from(at);
    x1[i]! += h;
    x2[i]! -= h;
    fn(x1, g1);
    fn(x2, g2);
    H.push(Array.from(g1, (v, j) => ((v - g2[j]!) / (2 * h)) * n));
  }
  for (let i = 0; i < k; i++)
    for (let j = 0; j < i; j++) {
      const m = (H[i]![j]! + H[j]![i]!) / 2;
      H[i]![j] = m;
      H[j]![i] = m;
    }
  return symmetricEigen(H);
}

/**
 * Standard error of the linear combination c·θ of the parameters (delta method): √(Σ (c·vₖ)²/λₖ) over
 * the information's eigenpairs. A direction the data leave flat (λ ≈ 0) makes it Infinity only when c
 * leans on it, so a ridge that does not affect c (say a and b growing together at a fixed a/(a+b))
 * does not spoil c's error.
 */
export function standardErrorOf(info: Information, c: readonly number[]): number {
  const top = Math.max(...info.values.map(Math.abs), 0);
  const norm = Math.hypot(...c);
  let variance = 0;
  info.values.forEach((lambda, k) => {
    const v = info.vectors[k]!;
    let dot = 0;
    for (let i = 0; i < c.length; i++) dot += c[i]! * v[i]!;
    if (Math.abs(dot) <= 1e-6 * norm) return;
    variance += lambda > 1e-9 * top ? (dot * dot) / lambda : Number.POSITIVE_INFINITY;
  });
  return Math.sqrt(variance);
}

/**
 * How much the summed log-likelihood could still gain along the directions the data identify:
 * ½ gᵀH⁺g (half the squared Newton decrement) with g the gradient of the summed negative
 * log-likelihood, over eigen-directions whose curvature is not negligible. Below ~0.01 the fit is at
 * its optimum for every purpose, even if the optimiser was still crawling along a flat ridge.
 */
export function remainingGain(info: Information, gradient: readonly number[]): number {
  const top = Math.max(...info.values.map(Math.abs), 0);
  let gain = 0;
  info.values.forEach((lambda, k) => {
    if (!(lambda > 1e-9 * top)) return;
    const v = info.vectors[k]!;
    let dot = 0;
    for (let i = 0; i < gradient.length; i++) dot += gradient[i]! * v[i]!;
    gain += (dot * dot) / lambda / 2;
  });
  return gain;
}

/** Eigenvalues and unit eigenvectors of a small symmetric matrix (cyclic Jacobi rotations). */
function symmetricEigen(S: readonly (readonly number[])[]): Information {
  const n = S.length;
  const A = S.map((row) => [...row]);
  const V: number[][] = A.map((_, i) => A.map((__, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += A[i]![j]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = A[p]![q]!;
        if (apq === 0) continue;
        const theta = (A[q]![q]! - A[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k]![p]!;
          const akq = A[k]![q]!;
          A[k]![p] = c * akp - s * akq;
          A[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p]![k]!;
          const aqk = A[q]![k]!;
          A[p]![k] = c * apk - s * aqk;
          A[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k]![p]!;
          const vkq = V[k]![q]!;
          V[k]![p] = c * vkp - s * vkq;
          V[k]![q] = s * vkp + c * vkq;
        }
      }
  }
  return { values: A.map((row, i) => row[i]!), vectors: A.map((_, k) => V.map((row) => row[k]!)) };
}
