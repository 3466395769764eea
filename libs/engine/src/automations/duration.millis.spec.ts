import { durationMillis } from './duration.millis';

describe('durationMillis', () => {
  it.each<[string, number | undefined]>([
    ['PT10S', 10_000],
    ['PT0.5S', 500],
    ['PT1M30S', 90_000],
    ['P1D', 86_400_000],
    ['P1W', 604_800_000],
    ['10s', undefined],
    ['P', undefined],
  ])('%s', (raw, ms) => expect(durationMillis(raw)).toBe(ms));
});
