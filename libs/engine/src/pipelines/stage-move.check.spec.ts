import fc from 'fast-check';
import { compile, salesPipeline } from '../../test/pipeline.fixture';
import { allowedTargets, checkStageMove, gateConditions, stageMoveKind } from './stage-move.check';

const codes = (r: { problems: Array<{ path: string; code: string }> }) => r.problems.map((p) => `${p.path} ${p.code}`);

describe('allowedTargets', () => {
  const compiled = compile();

  it.each([
    ['qualify', ['confirm', 'won', 'lost']],
    ['confirm', ['qualify', 'quote', 'won', 'lost']],
    ['negotiate', ['qualify', 'confirm', 'quote', 'won', 'lost']],
    ['won', ['qualify', 'confirm', 'quote', 'negotiate', 'lost']],
    [null, ['qualify']],
    ['removed_stage', ['qualify']],
  ])('by default, from %s: the next open stage, earlier open stages, terminal stages', (from, expected) => {
    expect(allowedTargets(compiled, from)).toEqual(expected);
  });

  it('allowedMoves replaces the default (skipping allowed, back forbidden)', () => {
    const skipping = compile(salesPipeline({ qualify: { allowedMoves: ['confirm', 'quote', 'lost'] } }));
    expect(allowedTargets(skipping, 'qualify')).toEqual(['confirm', 'quote', 'lost']);
  });
});

describe('stageMoveKind and the conditions each kind checks', () => {
  const compiled = compile(salesPipeline({ confirm: { exit: [{ kind: 'filled', field: 'title' }] }, quote: { entry: [{ kind: 'filled', field: 'phone' }] }, qualify: { entry: [{ kind: 'filled', field: 'amount' }] } }));

  it.each([
    ['confirm', 'quote', 'next', ['/stages/1/exit/0', '/stages/2/entry/0']],
    ['qualify', 'quote', 'skip', ['/stages/2/entry/0']],
    ['confirm', 'qualify', 'back', ['/stages/0/entry/0']],
    ['confirm', 'won', 'won', ['/stages/1/exit/0']],
    ['confirm', 'lost', 'lost', []],
    ['lost', 'quote', 'back', ['/stages/2/entry/0']],
  ])('%s -> %s is %s and checks %j', (from, to, kind, paths) => {
    expect(stageMoveKind(compiled, from, to)).toBe(kind);
    expect(gateConditions(compiled, from, to).conditions.map((c) => c.path)).toEqual(paths);
  });
});

describe('checkStageMove', () => {
  const compiled = compile(salesPipeline({ quote: { commentRequired: true }, lost: { reasonRequired: true, commentRequired: true } }));

  it.each([
    ['forward by one needs nothing', 'qualify', { to: 'confirm' }, []],
    ['an unknown stage', 'qualify', { to: 'nowhere' }, ['/stage stage.unknown']],
    ['the same stage', 'qualify', { to: 'qualify' }, ['/stage move.same-stage']],
    ['skipping without allowedMoves', 'qualify', { to: 'quote' }, ['/stage move.not-allowed']],
    ['back without a comment', 'confirm', { to: 'qualify' }, ['/comment move.comment-required']],
    ['back with a comment', 'confirm', { to: 'qualify', comment: 'customer changed the spec' }, []],
    ['back with a blank comment', 'confirm', { to: 'qualify', comment: '   ' }, ['/comment move.comment-required']],
    ['back with a reason value instead of a comment', 'confirm', { to: 'qualify', reason: 'price', comment: 'x' }, ['/reason move.reason-unexpected']],
    ['won without a reason', 'confirm', { to: 'won' }, ['/reason move.reason-required']],
    ['won with an unknown reason', 'confirm', { to: 'won', reason: 'luck' }, ['/reason move.reason-unknown']],
    ['won with its reason', 'confirm', { to: 'won', reason: 'price' }, []],
    ['lost needs a reason and a comment, both reported', 'confirm', { to: 'lost' }, ['/reason move.reason-required', '/comment move.comment-required']],
    ['a stage that asks for a comment', 'confirm', { to: 'quote' }, ['/comment move.comment-required']],
  ])('%s', (_name, from, request, expected) => {
    expect(codes(checkStageMove(compiled, from, request))).toEqual(expected);
  });

  it('a terminal stage with reasonRequired false takes no reason', () => {
    const relaxed = compile(salesPipeline({ won: { reasonRequired: false } }));
    expect(codes(checkStageMove(relaxed, 'confirm', { to: 'won' }))).toEqual([]);
  });

  it('allowedMoves can permit a skip and forbid going back', () => {
    const strict = compile(salesPipeline({ qualify: { allowedMoves: ['confirm', 'quote'] }, confirm: { allowedMoves: ['quote'] } }));
    expect(checkStageMove(strict, 'qualify', { to: 'quote' })).toEqual({ kind: 'skip', problems: [] });
    expect(codes(checkStageMove(strict, 'confirm', { to: 'qualify', comment: 'x' }))).toEqual(['/stage move.not-allowed']);
  });

  it('property: moving back is never possible without a comment, and a default forward step never needs one', () => {
    fc.assert(
      fc.property(fc.constantFrom('qualify', 'confirm', 'quote', 'negotiate', 'won', 'lost'), fc.constantFrom('qualify', 'confirm', 'quote', 'negotiate'), (from, to) => {
        const plain = compile();
        const r = checkStageMove(plain, from, { to });
        if (r.kind === 'back') expect(codes(r)).toContain('/comment move.comment-required');
        if (r.kind === 'next') expect(r.problems).toEqual([]);
        if (r.kind === undefined) expect(r.problems).toHaveLength(1);
      }),
    );
  });
});
