import { describe, expect, it } from '@jest/globals';
import { IntervalSet, TimeMarks } from './interval-set.js';

describe('an interval set', () => {
  const set = new IntervalSet();
  set.open(10); set.close(20);
  set.open(30); set.close(40);
  set.open(40); set.close(50);
  set.open(70);

  it('measures the time held within a range, cutting intervals at both ends', () => {
    expect(set.measure(0, 100)).toBe(10 + 20 + 30);
    expect(set.measure(15, 35)).toBe(5 + 5);
    expect(set.measure(45, 75)).toBe(5 + 5);
  });

  it('counts the open interval as running on up to the end of the range', () =>
    expect(set.measure(60, 1000)).toBe(930));

  it('measures nothing in an empty or reversed range', () => {
    expect(set.measure(15, 15)).toBe(0);
    expect(set.measure(40, 30)).toBe(0);
  });

  it('ignores an interval that closes when it opens', () => {
    const instant = new IntervalSet();
    instant.open(5); instant.close(5);
    expect(instant.measure(0, 10)).toBe(0);
    expect(instant.isOpen).toBe(false);
  });
});

describe('time marks', () => {
  it('counts marks within a half-open range, keeping late arrivals in order', () => {
    const marks = new TimeMarks();
    for (const at of [10, 20, 20, 30, 15]) marks.add(at);
    expect(marks.countIn(10, 20)).toBe(2);
    expect(marks.countIn(20, 31)).toBe(3);
    expect(marks.countIn(0, 10)).toBe(0);
  });
});
