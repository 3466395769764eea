import { contentDisposition } from './content-disposition';

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name as RFC 5987 filename*', () => {
    expect(contentDisposition('需求调研.pdf')).toBe(`attachment; filename="____.pdf"; filename*=UTF-8''%E9%9C%80%E6%B1%82%E8%B0%83%E7%A0%94.pdf`);
  });

  it('cannot be broken out of by quotes, backslashes or header characters', () => {
    const header = contentDisposition('a"b\\c\r\nSet-Cookie: x.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.match(/filename="([^"]*)"/)![1]).toBe('a_b_c__Set-Cookie: x.pdf');
    expect(header).toContain(`filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x.pdf`);
  });

  it("percent-encodes the characters RFC 5987 does not allow raw (' ( ) *)", () => {
    expect(contentDisposition("it's (v2)*.pdf")).toContain(`filename*=UTF-8''it%27s%20%28v2%29%2A.pdf`);
  });
});
