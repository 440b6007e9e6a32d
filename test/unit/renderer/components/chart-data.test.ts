import { describe, expect, it } from 'vitest';
import type { Histogram } from '../../../../shared/api-timeline.js';
import { axisLabels, describeBins, findingName, stackedTops } from '../../../../renderer/components/timeline/chart-data.js';

const T = Date.UTC(2026, 2, 5, 8, 20, 0);
const histogram: Histogram = {
  fromMs: T + 30_000, toMs: T + 3 * 60_000, binMs: 60_000, firstBinMs: T, binCount: 3,
  series: [{ key: 'firewall', label: 'firewall', counts: [2, 0, 1] }, { key: 'system', label: 'system', counts: [1, 0, 5] }],
  evidence: [1, 0, 4], total: 9, undated: 0, dataFirstTs: T, dataLastTs: T, counted: 'rollup',
};

describe('what the histogram draws and says', () => {
  it('stacks the series: each top is the sum of the series below it', () => {
    expect(stackedTops(histogram)).toEqual([[2, 0, 1], [3, 0, 6]]);
  });

  it('reads a bin out with its clipped span, zone, counts per series and evidence', () => {
    expect(describeBins(histogram, 0, 0, 'UTC')).toBe('2026-03-05 08:20:30 to 08:21:00 UTC: 3 events (firewall 2, system 1), 1 of them evidence');
    expect(describeBins(histogram, 1, 1, 'UTC')).toBe('2026-03-05 08:21:00 to 08:22:00 UTC: 0 events, 0 of them evidence');
    expect(describeBins(histogram, 0, 2, 'Europe/Berlin')).toBe('2026-03-05 09:20:30 to 09:23:00 Europe/Berlin: 9 events (firewall 3, system 6), 5 of them evidence');
  });

  it('labels the time axis in 24-hour time in the chosen zone, the date under the first tick of a day', () => {
    const ticks = [Date.UTC(2026, 2, 5, 22), Date.UTC(2026, 2, 5, 23), Date.UTC(2026, 2, 6, 0)];
    expect(axisLabels(ticks, 3_600_000, 'UTC')).toEqual(['22:00\n2026-03-05', '23:00', '00:00\n2026-03-06']);
    // America/Chicago is UTC-6 on 5 March: the day does not change within these ticks.
    expect(axisLabels(ticks, 3_600_000, 'America/Chicago')).toEqual(['16:00\n2026-03-05', '17:00', '18:00']);
    expect(axisLabels([T, T + 30_000], 30_000, 'UTC')).toEqual(['08:20:00\n2026-03-05', '08:20:30']);
    expect(axisLabels([T], 86_400_000, 'UTC')).toEqual(['2026-03-05']);
  });

  it('names a finding by its title and whom it is about', () => {
    expect(findingName({ title: 'SSH brute force', rule: 'system.ssh-brute-force', key: '{"src_ip":"198.51.100.23"}' })).toBe('SSH brute force 198.51.100.23');
    expect(findingName({ title: null, rule: 'r', key: 'not json' })).toBe('r not json');
  });
});
