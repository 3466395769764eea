import { chainTooDeep, extendChain, parseChain } from './automation-chain';

describe('automation chains', () => {
  it('starts empty at a user request and keeps its id as the root', () => {
    expect(parseChain('req-1')).toEqual({ keys: [], root: 'req-1' });
    expect(parseChain(null)).toEqual({ keys: [], root: null });
  });

  it('round-trips through the request id of the writes', () => {
    const once = parseChain(extendChain(parseChain('req-1'), 'grade'));
    expect(once).toEqual({ keys: ['grade'], root: 'req-1' });
    expect(parseChain(extendChain(once, 'notify_rm'))).toEqual({ keys: ['grade', 'notify_rm'], root: 'req-1' });
  });

  it('stops at the limit and names the loop', () => {
    let chain = parseChain('req-1');
    for (let i = 0; i < 3; i++) chain = parseChain(extendChain(chain, i % 2 ? 'b' : 'a'));
    expect(chainTooDeep(chain, 'b', 4)).toBeUndefined();
    chain = parseChain(extendChain(chain, 'b'));
    expect(chainTooDeep(chain, 'a', 4)).toBe('automation depth limit 4 reached: a -> b -> a -> b -> a (an automation\'s actions keep triggering automations)');
  });
});
