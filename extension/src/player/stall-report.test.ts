import { expect, test } from 'bun:test';
import { createStallReporter } from './stall-report';

function setup(reportMs: number) {
  const video = { readyState: 4 };
  const reports: boolean[] = [];
  const stalls = createStallReporter(video, (stalled) => reports.push(stalled), reportMs);
  return { video, reports, stalls };
}

test('a lasting stall is reported as buffering, and its end too', async () => {
  const { video, reports, stalls } = setup(10);
  video.readyState = 2;
  stalls.onStall();
  stalls.onStall(); // `stalled` after `waiting`: one report
  await Bun.sleep(30);
  expect(reports).toEqual([true]);
  video.readyState = 4;
  stalls.onReady();
  expect(reports).toEqual([true, false]);
});

test('a short stall (a seek) is not reported', async () => {
  const { video, reports, stalls } = setup(30);
  video.readyState = 2;
  stalls.onStall();
  video.readyState = 4;
  stalls.onReady();
  await Bun.sleep(50);
  expect(reports).toEqual([]);
});

test('stopping takes back a report still standing, and cancels a pending one', async () => {
  const reported = setup(5);
  reported.video.readyState = 2;
  reported.stalls.onStall();
  await Bun.sleep(20);
  reported.stalls.stop();
  expect(reported.reports).toEqual([true, false]);
  const pending = setup(10);
  pending.video.readyState = 2;
  pending.stalls.onStall();
  pending.stalls.stop();
  await Bun.sleep(30);
  expect(pending.reports).toEqual([]);
});
