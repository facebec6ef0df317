import { h, uniqueId } from '../dom.js';
import { formatTime } from '../layout.js';

const WINDOWS: readonly [string, number][] = [
  ['the last 15 minutes', 15 * 60], ['the last hour', 3600], ['the last 8 hours', 8 * 3600], ['the last day', 86_400], ['the last 7 days', 7 * 86_400],
];

export interface FloorSlider {
  readonly element: HTMLElement;
  /** Back to "now" (the live floor). */
  reset(): void;
}

/**
 * The point-in-time control: a range slider over a chosen window that ends
 * now (right = now, one step = 1/600 of the window); letting go asks for the
 * floor at that instant, and "Live" returns to the live floor.
 */
export const floorSlider = (onPick: (at: Date | undefined) => void): FloorSlider => {
  const sliderId = uniqueId('slider');
  const windowSelect = h('select', { name: 'window', 'aria-label': 'Time window' },
    ...WINDOWS.map(([label, seconds]) => h('option', { value: seconds }, label)));
  windowSelect.value = '3600';
  const slider = h('input', { type: 'range', id: sliderId, name: 'at', min: -600, max: 0, step: 1, value: 0 });
  const output = h('output', { for: sliderId, class: 'slider-output' }, 'now (live)');
  const live = h('button', { type: 'button', class: 'quiet', disabled: true }, 'Back to live');
  let anchor = Date.now();

  const instant = (): Date | undefined => {
    const steps = Number(slider.value);
    if (steps === 0) return undefined;
    return new Date(anchor + (steps / 600) * Number(windowSelect.value) * 1000);
  };
  const describe = (): void => {
    const at = instant();
    const text = at ? `${formatTime(at.getTime())}` : 'now (live)';
    output.textContent = text;
    slider.setAttribute('aria-valuetext', text);
  };
  const pick = (): void => {
    const at = instant();
    live.disabled = at === undefined;
    describe();
    onPick(at);
  };
  slider.addEventListener('pointerdown', () => { anchor = Date.now(); });
  slider.addEventListener('focus', () => { if (Number(slider.value) === 0) anchor = Date.now(); });
  slider.addEventListener('input', describe);
  slider.addEventListener('change', pick);
  windowSelect.addEventListener('change', () => { anchor = Date.now(); if (Number(slider.value) !== 0) pick(); });
  const reset = (): void => {
    slider.value = '0';
    pick();
  };
  live.addEventListener('click', reset);
  return {
    element: h('div', { class: 'floor-slider' },
      h('label', { for: sliderId }, 'Floor at'), slider, output, windowSelect, live),
    reset,
  };
};
