/** The bookkeeping of --skip-invalid (src/model/skip.ts): which unit holds a path, leaving units out, mapping paths back. */
import { describe, expect, it } from 'vitest';
import { unitOf } from '../../src/model/skip-units.js';
import { originalPath, without } from '../../src/model/skip.js';

describe('unitOf', () => {
  it('finds the smallest unit holding a path', () => {
    const op = ['capability', 'consumes', 0, 'resources', 2, 'operations', 1];
    expect(unitOf([...op, 'method'])).toMatchObject({ path: op, kind: 'operation' });
    expect(unitOf([...op, 'inputParameters', 3, 'in'])).toMatchObject({ path: [...op, 'inputParameters', 3], kind: 'parameter' });
    expect(unitOf(['capability', 'consumes', 1, 'authentication', 'placement'])).toMatchObject({ kind: 'authentication' });
    expect(unitOf(['capability', 'exposes', 0, 'tools', 4, 'with', 'a.b'])).toMatchObject({ path: ['capability', 'exposes', 0, 'tools', 4, 'with', 'a.b'], kind: 'with' });
    expect(unitOf(['consumes', 0, 'baseUri'])).toMatchObject({ path: ['consumes', 0], kind: 'api' });
  });

  it('finds none for what no smaller part holds: inbound authentication belongs to its adapter, the root to nobody', () => {
    expect(unitOf(['capability', 'exposes', 1, 'authentication', 'type'])).toMatchObject({ path: ['capability', 'exposes', 1], kind: 'adapter' });
    expect(unitOf(['capability'])).toBeUndefined();
    expect(unitOf(['naftiko'])).toBeUndefined();
    expect(unitOf(['info', 'label'])).toBeUndefined();
  });
});

describe('without and originalPath', () => {
  const data = { a: [{ n: 0 }, { n: 1 }, { n: 2, b: [10, 11, 12], w: { x: 1, y: 2 } }, { n: 3 }] };
  const removed = [['a', 1], ['a', 2, 'b', 0], ['a', 2, 'w', 'x']];

  it('leaves out elements and keys, whatever the order they are given in', () => {
    expect(without(data, removed)).toEqual({ a: [{ n: 0 }, { n: 2, b: [11, 12], w: { y: 2 } }, { n: 3 }] });
    expect(without(data, [...removed].reverse())).toEqual(without(data, removed));
    expect(data.a).toHaveLength(4);
  });

  it('maps every path of the reduced data back to the same node in the original', () => {
    const map = originalPath(removed);
    expect(map(['a', 1, 'b', 0])).toEqual(['a', 2, 'b', 1]);
    expect(map(['a', 2, 'n'])).toEqual(['a', 3, 'n']);
    expect(map(['a', 0])).toEqual(['a', 0]);
    expect(map(['a', 1, 'w', 'y'])).toEqual(['a', 2, 'w', 'y']);
  });
});
