import { opportunity } from '../../test/pipeline.fixture';
import { fillTemplate } from './message-template.fill';

describe('fillTemplate', () => {
  it('puts display values into both languages and leaves unknown placeholders visible', () => {
    const text = { 'zh-CN': '{title}（{region}）已超时 {nope}', en: '{title} ({region}) is overdue {nope}' };
    expect(fillTemplate(text, { title: 'Pump', region: 'east' }, opportunity)).toEqual({ 'zh-CN': 'Pump（华东）已超时 {nope}', en: 'Pump (East) is overdue {nope}' });
  });

  it('an empty field becomes empty text', () => {
    expect(fillTemplate({ 'zh-CN': '[{title}]', en: '[{title}]' }, { title: null }, opportunity)).toEqual({ 'zh-CN': '[]', en: '[]' });
  });
});
