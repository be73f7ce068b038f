import { SaxesParser, type SaxesTagNS } from 'saxes';
import { UnknownFormatError } from './import-records.js';

/** An element as the readers see it: namespace, local name, attributes by local name, where it opened. */
export interface XmlElement {
  uri: string;
  local: string;
  attributes: Record<string, string>;
  line: number;
  /** The elements it is inside, outermost first, by local name. */
  ancestors: readonly string[];
  /** Namespaces declared on it (root element: how a format is recognised). */
  declaredNamespaces: Record<string, string>;
}

export interface ElementHandlers {
  open(element: XmlElement): void;
  /** `text` is the element's own text and CDATA, entities decoded. */
  close(element: XmlElement, text: string): void;
}

/**
 * saxes with namespaces on, reduced to what the export readers need: open and close of each element,
 * with its own text. saxes itself reports malformed XML with line and column, and these errors end the
 * read (a file that is not well-formed past some point says nothing reliable after it).
 */
export class XmlElements {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly open: XmlElement[] = [];
  private text = '';

  constructor(handlers: ElementHandlers) {
    this.parser.on('opentag', (tag: SaxesTagNS) => {
      const attributes: Record<string, string> = {};
      for (const attribute of Object.values(tag.attributes)) attributes[attribute.local] = attribute.value;
      const element = {
        uri: tag.uri,
        local: tag.local,
        attributes,
        line: this.parser.line,
        ancestors: this.open.map((e) => e.local),
        declaredNamespaces: { ...tag.ns },
      };
      this.open.push(element);
      this.text = '';
      handlers.open(element);
    });
    this.parser.on('text', (text) => (this.text += text));
    this.parser.on('cdata', (text) => (this.text += text));
    this.parser.on('closetag', () => {
      const element = this.open.pop()!;
      const text = this.text;
      this.text = '';
      handlers.close(element, text);
    });
    this.parser.on('error', (error) => {
      throw error;
    });
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  close(): void {
    this.parser.close();
  }
}

export function unknownFormat(root: XmlElement): UnknownFormatError {
  return new UnknownFormatError(
    `The file is neither a WordPress export (an <rss> with the http://wordpress.org/export/ namespace) nor a Disqus export (a <disqus> root): its root is <${root.local}>.`,
  );
}
