// A tiny seeded PRNG (mulberry32) for reproducible synthetic data in tests, benchmarks and sample files: the
// engine's own, which calibration uses for its folds.
export { seededRandom } from '../../src/engine/calibration/seeded-random';
