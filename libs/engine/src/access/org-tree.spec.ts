import { ancestorsOf, descendantsOf, findCycle, parentsFirst, type OrgTreeNode } from './org-tree';

const tree: OrgTreeNode[] = [
  { id: 'hq', parentId: null },
  { id: 'east', parentId: 'hq' },
  { id: 'south', parentId: 'hq' },
  { id: 'sh', parentId: 'east' },
  { id: 'hz', parentId: 'east' },
  { id: 'gz', parentId: 'south' },
];

describe('org tree', () => {
  it('lists a unit and everything below it', () => {
    expect(descendantsOf(tree, 'east').sort()).toEqual(['east', 'hz', 'sh']);
    expect(descendantsOf(tree, 'hq')).toHaveLength(6);
    expect(descendantsOf(tree, 'gz')).toEqual(['gz']);
    expect(descendantsOf(tree, 'nowhere')).toEqual([]);
  });

  it('lists a unit then its ancestors up to the root', () => {
    expect(ancestorsOf(tree, 'hz')).toEqual(['hz', 'east', 'hq']);
    expect(ancestorsOf(tree, 'hq')).toEqual(['hq']);
    expect(ancestorsOf(tree, 'nowhere')).toEqual([]);
  });

  it('finds a cycle, and none in a forest', () => {
    expect(findCycle(tree)).toBeNull();
    expect(findCycle([...tree, { id: 'lone', parentId: null }])).toBeNull();
    const cyclic = tree.map((n) => (n.id === 'east' ? { ...n, parentId: 'hz' } : n));
    expect(findCycle(cyclic)?.sort()).toEqual(['east', 'hz']);
    expect(findCycle([{ id: 'a', parentId: 'a' }])).toEqual(['a']);
  });

  it('stops walking at a cycle instead of looping', () => {
    const cyclic: OrgTreeNode[] = [
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'a' },
    ];
    expect(ancestorsOf(cyclic, 'a')).toEqual(['a', 'b']);
    expect(descendantsOf(cyclic, 'a').sort()).toEqual(['a', 'b']);
  });

  it('orders keyed units parents first', () => {
    const units = [{ key: 'sh', parent: 'east' }, { key: 'east', parent: 'hq' }, { key: 'hq' }, { key: 'gz', parent: 'south' }];
    const order = parentsFirst(units).map((u) => u.key);
    expect(order).toHaveLength(4);
    expect(order.indexOf('hq')).toBeLessThan(order.indexOf('east'));
    expect(order.indexOf('east')).toBeLessThan(order.indexOf('sh'));
  });
});
