import type { ExportReader, ImportRecord } from './import-records.js';
import { type XmlElement, XmlElements } from './xml-elements.js';

/**
 * What both export readers share: XML fed in chunks, element events handed to the format's own
 * rules, and the records completed by each chunk handed back.
 */
export abstract class XmlRecordReader implements ExportReader {
  private readonly xml = new XmlElements({ open: (element) => this.onOpen(element), close: (element, text) => this.onClose(element, text) });
  protected out: ImportRecord[] = [];
  protected rootSeen = false;

  write(chunk: string): ImportRecord[] {
    this.xml.write(chunk);
    return this.take();
  }

  close(): ImportRecord[] {
    this.xml.close();
    return this.take();
  }

  protected abstract onOpen(element: XmlElement): void;
  protected abstract onClose(element: XmlElement, text: string): void;

  private take(): ImportRecord[] {
    const out = this.out;
    this.out = [];
    return out;
  }
}
