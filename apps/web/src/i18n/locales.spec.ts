import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

type Tree = { [key: string]: string | Tree };

/** Every leaf as [dotted key, text]. */
function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
}

const chinese = new Map(leaves(zhCN));
const english = new Map(leaves(en));

describe('UI texts', () => {
  it('has the Chinese texts', () => {
    expect(chinese.size).toBeGreaterThan(0);
  });

  it.each([...chinese.keys()])('translates %s into English', (key) => {
    expect(english.get(key)).toEqual(expect.any(String));
  });

  it('has no English text without a Chinese one (Chinese is the default)', () => {
    expect([...english.keys()].filter((key) => !chinese.has(key))).toEqual([]);
  });

  it.each([...chinese.entries()])('keeps %s non-empty and its {{placeholders}} in both languages', (key, text) => {
    const translation = english.get(key) ?? '';
    expect(text.trim()).not.toBe('');
    expect(translation.trim()).not.toBe('');
    expect(placeholders(translation)).toEqual(placeholders(text));
  });
});
