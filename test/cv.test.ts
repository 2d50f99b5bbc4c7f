import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { variationCoefficient } from '../src/compute/cv.js';

describe('variation coefficient (docs/rules.md §2)', () => {
  it('reproduces the published five-school books example: mean 6.3344, S 3.2639, CV 0.5153', () => {
    const pupils = [45, 37, 89, 76, 55];
    const books = [279, 137, 935, 160, 402];
    const r = variationCoefficient(pupils.map((p, i) => ({ value: books[i]! / p, students: p })));
    expect(r.mean).toBeCloseTo(6.3344, 4);
    expect(r.sd).toBeCloseTo(3.2639, 4);
    expect(r.cv).toBeCloseTo(0.5153, 4);
  });

  it('differs from the unweighted CV (the peer error) on the same data', () => {
    const pupils = [45, 37, 89, 76, 55];
    const books = [279, 137, 935, 160, 402];
    const units = pupils.map((p, i) => ({ value: books[i]! / p, students: p }));
    const unweighted = variationCoefficient(units, 'unweighted');
    expect(unweighted.cv).not.toBeCloseTo(0.5153, 3);
  });

  it('is null with a reason, never NaN, for no units, one unit, zero mean and no pupils', () => {
    expect(variationCoefficient([])).toMatchObject({ cv: null, reason: 'no-units' });
    expect(variationCoefficient([{ value: 3, students: 100 }])).toMatchObject({ cv: null, reason: 'single-unit' });
    expect(
      variationCoefficient([
        { value: 0, students: 100 },
        { value: 0, students: 50 },
      ]),
    ).toMatchObject({ cv: null, reason: 'zero-mean' });
    expect(
      variationCoefficient([
        { value: 1, students: 0 },
        { value: 2, students: 0 },
      ]),
    ).toMatchObject({ cv: null, reason: 'no-students' });
  });

  // Indicator values as offices report them: 0, or between 1e-6 and 1e9.
  const valueArb = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e9, noNaN: true }));
  const unitArb = fc.record({
    value: valueArb,
    students: fc.integer({ min: 1, max: 5000 }),
  });

  it('is unchanged when every unit’s resource is scaled by the same factor', () => {
    fc.assert(
      fc.property(
        fc.array(unitArb, { minLength: 2, maxLength: 40 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (units, k) => {
          const a = variationCoefficient(units);
          const b = variationCoefficient(units.map((u) => ({ ...u, value: u.value * k })));
          if (a.cv === null) return b.cv === null;
          return b.cv !== null && Math.abs(a.cv - b.cv) <= 1e-9 * Math.max(1, a.cv);
        },
      ),
    );
  });

  it('is 0 when all units are identical', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 2, maxLength: 40 }),
        (v, pupils) => {
          const r = variationCoefficient(pupils.map((p) => ({ value: v, students: p })));
          return r.cv !== null && Math.abs(r.cv) < 1e-12;
        },
      ),
    );
  });

  it('is never negative and never NaN', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            value: fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }),
            students: fc.integer({ min: 0, max: 5000 }),
          }),
          { maxLength: 40 },
        ),
        (units) => {
          const r = variationCoefficient(units);
          if (r.cv === null) return typeof r.reason === 'string';
          return r.cv >= 0 && !Number.isNaN(r.cv);
        },
      ),
    );
  });
});
