import { SaxesParser } from 'saxes';
import { cdata, xmlText } from './xml-text.js';

/** The text of <x>…</x> as an XML parser reads it back. */
function readBack(inner: string): string {
  const parser = new SaxesParser();
  let text = '';
  parser.on('text', (t) => (text += t));
  parser.on('cdata', (t) => (text += t));
  parser.write(`<x>${inner}</x>`).close();
  return text;
}

describe('XML text for the WXR export', () => {
  it('escapes markup characters, and the parser reads back the text as it was', () => {
    const text = 'Tom & Jerry <b>"bold"</b> > it\'s';
    expect(xmlText(text)).toBe("Tom &amp; Jerry &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &gt; it's");
    expect(readBack(xmlText(text))).toBe(text);
  });

  it('splits a CDATA section where the text holds "]]>", and the parser joins it again', () => {
    const text = 'a]]>b ]]]]> <c> & d';
    expect(cdata(text)).toBe('<![CDATA[a]]]]><![CDATA[>b ]]]]]]><![CDATA[> <c> & d]]>');
    expect(readBack(cdata(text))).toBe(text);
  });

  it('drops characters XML cannot hold at all, keeping tabs, line breaks and emoji', () => {
    const text = 'bell\u0007 form\u000c tab\t line\n emoji 🎉 lone\ud800 end';
    expect(readBack(cdata(text))).toBe('bell form tab\t line\n emoji 🎉 lone end');
    expect(readBack(xmlText(text))).toBe('bell form tab\t line\n emoji 🎉 lone end');
  });
});
