/**
 * An SVG chart of pairwise drift over time, one panel per run, one line per pair
 * of members, with the run's goal as dashed lines and actions as ticks; under each,
 * every member's playbackRate (the nudges), to show that corrections do not
 * oscillate and stay within their bound. Pure: returns the SVG text.
 */
import type { DriftPoint } from './drift.ts';

export interface ChartPanel {
  title: string;
  /** Wall-clock ms where the run's x axis starts. */
  from: number;
  to: number;
  points: readonly DriftPoint[];
  names: readonly string[];
  actionTimes: readonly number[];
  goalMs: number;
  /** Each member's playbackRate over time (while playing), and the nudge bound (e.g. 0.02). */
  rates?: { name: string; samples: readonly { t: number; rate: number }[] }[];
  rateBound?: number;
}

const WIDTH = 960;
const PANEL_HEIGHT = 260;
const RATE_HEIGHT = 130;
const MARGIN = { left: 60, right: 150, top: 34, bottom: 36 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A y range that shows the goal and most points, rounded to a readable step. */
export function yExtent(points: readonly DriftPoint[], goalMs: number): number {
  const sorted = points.map((p) => Math.abs(p.driftMs)).sort((a, b) => a - b);
  const high = sorted[Math.floor(sorted.length * 0.995)] ?? 0;
  const extent = Math.max(goalMs * 1.5, high * 1.1);
  const step = extent <= 100 ? 25 : extent <= 400 ? 100 : 500;
  return Math.ceil(extent / step) * step;
}

/** Splits one pair's points into runs of consecutive grid instants, so gaps stay gaps. */
export function contiguousSegments(points: readonly DriftPoint[], stepMs: number): DriftPoint[][] {
  const segments: DriftPoint[][] = [];
  let current: DriftPoint[] = [];
  for (const point of points) {
    const last = current[current.length - 1];
    if (last && point.t - last.t > stepMs * 1.5) {
      segments.push(current);
      current = [];
    }
    current.push(point);
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

function panel(p: ChartPanel, top: number, stepMs: number): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const extent = yExtent(p.points, p.goalMs);
  const span = Math.max(1, p.to - p.from);
  const x = (t: number) => MARGIN.left + ((t - p.from) / span) * plotW;
  const y = (ms: number) =>
    top + MARGIN.top + ((extent - Math.max(-extent, Math.min(extent, ms))) / (2 * extent)) * plotH;
  const out: string[] = [];
  out.push(
    `<text x="${MARGIN.left}" y="${top + 20}" font-size="14" font-weight="bold">${escapeXml(p.title)}</text>`,
    `<rect x="${MARGIN.left}" y="${top + MARGIN.top}" width="${plotW}" height="${plotH}" fill="#fafafa" stroke="#999"/>`,
  );
  for (const tick of [-extent, -extent / 2, 0, extent / 2, extent]) {
    out.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#e3e3e3"/>`,
      `<text x="${MARGIN.left - 6}" y="${(y(tick) + 4).toFixed(1)}" font-size="11" text-anchor="end">${tick} ms</text>`,
    );
  }
  for (const goal of [p.goalMs, -p.goalMs]) {
    out.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(goal).toFixed(1)}" y2="${y(goal).toFixed(1)}" stroke="#e67e22" stroke-dasharray="6 4"/>`,
    );
  }
  const seconds = span / 1000;
  const secondStep = seconds <= 40 ? 5 : seconds <= 150 ? 15 : 60;
  for (let s = 0; s <= seconds; s += secondStep) {
    const tx = x(p.from + s * 1000).toFixed(1);
    out.push(
      `<text x="${tx}" y="${top + PANEL_HEIGHT - 14}" font-size="11" text-anchor="middle">${s} s</text>`,
    );
  }
  for (const t of p.actionTimes) {
    const ax = x(t).toFixed(1);
    out.push(
      `<line x1="${ax}" x2="${ax}" y1="${top + MARGIN.top + plotH - 8}" y2="${top + MARGIN.top + plotH}" stroke="#555"/>`,
    );
  }
  const pairs = new Map<string, DriftPoint[]>();
  for (const point of p.points) {
    const key = `${point.a}-${point.b}`;
    pairs.set(key, [...(pairs.get(key) ?? []), point]);
  }
  // Sorted, so a pair has the same colour in every panel.
  [...pairs.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .forEach(([key, points], i) => {
      const color = COLORS[i % COLORS.length];
      for (const segment of contiguousSegments(points, stepMs)) {
        const d = segment.map((q) => `${x(q.t).toFixed(1)},${y(q.driftMs).toFixed(1)}`).join(' ');
        out.push(
          segment.length === 1
            ? `<circle cx="${d.split(',')[0]}" cy="${d.split(',')[1]}" r="1.2" fill="${color}"/>`
            : `<polyline points="${d}" fill="none" stroke="${color}" stroke-width="1.2"/>`,
        );
      }
      const [a, b] = key.split('-').map(Number);
      const label = `${p.names[a ?? 0] ?? a} − ${p.names[b ?? 0] ?? b}`;
      const ly = top + MARGIN.top + 14 + i * 18;
      out.push(
        `<line x1="${WIDTH - MARGIN.right + 12}" x2="${WIDTH - MARGIN.right + 32}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`,
        `<text x="${WIDTH - MARGIN.right + 38}" y="${ly}" font-size="12">${escapeXml(label)}</text>`,
      );
    });
  const ly = top + MARGIN.top + 14 + pairs.size * 18 + 6;
  out.push(
    `<line x1="${WIDTH - MARGIN.right + 12}" x2="${WIDTH - MARGIN.right + 32}" y1="${ly - 4}" y2="${ly - 4}" stroke="#e67e22" stroke-dasharray="6 4"/>`,
    `<text x="${WIDTH - MARGIN.right + 38}" y="${ly}" font-size="12">goal ±${p.goalMs.toFixed(1)} ms</text>`,
    `<text x="${WIDTH - MARGIN.right + 12}" y="${ly + 18}" font-size="12">▮ ticks: actions</text>`,
  );
  return out.join('\n');
}

/** Rate deviation from 1 (%) per member, with the bound dashed. */
function ratePanel(p: ChartPanel, top: number): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = RATE_HEIGHT - 30 - 12;
  const bound = (p.rateBound ?? 0.02) * 100;
  const extent = Math.max(
    bound * 1.5,
    ...(p.rates ?? []).flatMap((r) => r.samples.map((s) => Math.abs(s.rate - 1) * 100 * 1.1)),
  );
  const span = Math.max(1, p.to - p.from);
  const x = (t: number) => MARGIN.left + ((t - p.from) / span) * plotW;
  const y = (pc: number) => top + 30 + ((extent - pc) / (2 * extent)) * plotH;
  const out = [
    `<text x="${MARGIN.left}" y="${top + 18}" font-size="12">playbackRate − 1 (%) per member: the nudges</text>`,
    `<rect x="${MARGIN.left}" y="${top + 30}" width="${plotW}" height="${plotH}" fill="#fafafa" stroke="#999"/>`,
  ];
  for (const tick of [-bound, 0, bound]) {
    out.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="${tick === 0 ? '#ccc' : '#e67e22'}"${tick === 0 ? '' : ' stroke-dasharray="6 4"'}/>`,
      `<text x="${MARGIN.left - 6}" y="${(y(tick) + 4).toFixed(1)}" font-size="11" text-anchor="end">${tick.toFixed(1)} %</text>`,
    );
  }
  (p.rates ?? []).forEach((member, i) => {
    const color = COLORS[(i + 3) % COLORS.length];
    const inside = member.samples.filter((s) => s.t >= p.from && s.t <= p.to);
    // Step line: a rate holds until it is changed.
    const d: string[] = [];
    let last: number | null = null;
    for (const s of inside) {
      if (last !== null) d.push(`${x(s.t).toFixed(1)},${y(last).toFixed(2)}`);
      last = (s.rate - 1) * 100;
      d.push(`${x(s.t).toFixed(1)},${y(last).toFixed(2)}`);
    }
    if (d.length > 1)
      out.push(
        `<polyline points="${d.join(' ')}" fill="none" stroke="${color}" stroke-width="1"/>`,
      );
    const ly = top + 40 + i * 16;
    out.push(
      `<line x1="${WIDTH - MARGIN.right + 12}" x2="${WIDTH - MARGIN.right + 32}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`,
      `<text x="${WIDTH - MARGIN.right + 38}" y="${ly}" font-size="12">${escapeXml(member.name)}</text>`,
    );
  });
  return out.join('\n');
}

export function driftChartSvg(panels: readonly ChartPanel[], stepMs: number): string {
  const heightOf = (p: ChartPanel) => PANEL_HEIGHT + (p.rates ? RATE_HEIGHT : 0);
  const height = panels.reduce((sum, p) => sum + heightOf(p), 0) + 10;
  let top = 0;
  const body = panels
    .map((p) => {
      const svg = panel(p, top, stepMs) + (p.rates ? `\n${ratePanel(p, top + PANEL_HEIGHT)}` : '');
      top += heightOf(p);
      return svg;
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
${body}
</svg>
`;
}
