import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { TelephonyMetrics } from '../../src/adapters/metrics/telephony-metrics';

/**
 * The Grafana dashboard and the Prometheus alerts (ops/) query metrics by name: each name they
 * use for telephony (cc1357_telephony_*, and the process / Node.js defaults) must be one
 * telephony exports, or the panel stays empty without anyone noticing.
 */
const root = new URL('../../../ops/', import.meta.url);

function metricNames(text: string, prefix: RegExp): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\b([a-z][a-z0-9_]*)\b/g)) {
    const name = m[1]!;
    if (prefix.test(name)) names.add(name.replace(/_(bucket|count|sum)$/, ''));
  }
  return [...names];
}

describe('ops dashboards and alerts use metrics telephony exports', () => {
  it('every telephony, Node.js and process metric they name exists', async () => {
    const exported = new Set(
      (await new TelephonyMetrics({ node: 'x' }).registry.getMetricsAsJSON()).map((metric) => metric.name),
    );
    const texts = [
      await readFile(new URL('grafana/cc1357.json', root), 'utf8'),
      await readFile(new URL('prometheus/alerts.yml', root), 'utf8'),
    ];
    const used = texts.flatMap((t) => metricNames(t, /^(cc1357_telephony_|nodejs_|process_)/));
    expect(used.length).toBeGreaterThan(8);
    expect(used.filter((name) => !exported.has(name))).toEqual([]);
  });

  it('the dashboard is valid JSON whose panels all read the provisioned Prometheus', async () => {
    const dashboard = JSON.parse(await readFile(new URL('grafana/cc1357.json', root), 'utf8')) as {
      uid: string;
      panels: { type: string; datasource?: { uid: string }; targets?: { expr: string }[] }[];
    };
    const datasources = await readFile(new URL('grafana/provisioning/datasources/prometheus.yml', root), 'utf8');
    for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) {
      expect(datasources).toContain(`uid: ${panel.datasource?.uid}`);
      expect(panel.targets?.length).toBeGreaterThan(0);
    }
  });
});
