/** A linear scale from values to SVG y coordinates (top = 0), always including zero. */
export interface Scale {
  min: number;
  max: number;
  y: (v: number) => number;
  ticks: number[];
}

function niceStep(range: number, count: number): number {
  const raw = range / Math.max(1, count);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / pow;
  const nice = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10;
  return nice * pow;
}

export function linearScale(values: number[], top: number, bottom: number, tickCount = 4): Scale {
  let min = Math.min(0, ...values);
  let max = Math.max(0, ...values);
  if (min === max) max = min + 1;
  const step = niceStep(max - min, tickCount);
  min = Math.floor(min / step) * step;
  max = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = min; t <= max + step / 2; t += step) ticks.push(Math.round(t / step) * step);
  const y = (v: number) => bottom - ((v - min) / (max - min)) * (bottom - top);
  return { min, max, y, ticks };
}
