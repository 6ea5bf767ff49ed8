import type { z } from 'zod';

/**
 * A kind of mail a service sends, declared once: the data it takes (a strict schema, so data it
 * does not declare is refused rather than silently left out) and how subject and text read.
 * The HTML part is made from the same text with every character escaped, so no value can inject markup.
 */
export interface MailTemplate<Data extends Record<string, unknown> = Record<string, unknown>> {
  name: string;
  data: z.ZodType<Data>;
  // Method syntax on purpose: a template of specific data still fits the `MailTemplates` of a service.
  subject(data: Data): string;
  text(data: Data): string;
  /** The data holds a one-time secret (a link token): it is erased once the mail is sent or given up. */
  holdsSecrets?: boolean;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Declares a template; `data` is made strict here, so every template refuses undeclared data. */
export function defineMailTemplate<Shape extends z.ZodRawShape>(template: {
  name: string;
  data: z.ZodObject<Shape>;
  subject: (data: z.infer<z.ZodObject<Shape>>) => string;
  text: (data: z.infer<z.ZodObject<Shape>>) => string;
  holdsSecrets?: boolean;
}): MailTemplate<z.infer<z.ZodObject<Shape>>> {
  return { ...template, data: template.data.strict() as unknown as z.ZodType<z.infer<z.ZodObject<Shape>>> };
}

/** The templates a service sends, by name; a name declared twice is a mistake caught at boot. */
export type MailTemplates = ReadonlyMap<string, MailTemplate>;

export function mailTemplates(...templates: MailTemplate[]): MailTemplates {
  const byName = new Map<string, MailTemplate>();
  for (const template of templates) {
    if (byName.has(template.name)) throw new Error(`the mail template "${template.name}" is declared twice`);
    byName.set(template.name, template);
  }
  return byName;
}

/** Data the template declares, parsed; anything else throws, naming the template and the fields. */
export function validMailData<Data extends Record<string, unknown>>(template: MailTemplate<Data>, data: unknown): Data {
  const parsed = template.data.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(data)'}: ${issue.message}`).join('; ');
  throw new Error(`the mail template "${template.name}" does not take this data: ${problems}`);
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => htmlEscapes[c]!);

/** The text as HTML: every character escaped, line breaks kept, web links made clickable. */
function htmlOf(text: string): string {
  const body = escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
  return `<!doctype html><html><body><div style="white-space: pre-wrap; font-family: sans-serif">${body}</div></body></html>`;
}

export function renderMail<Data extends Record<string, unknown>>(template: MailTemplate<Data>, data: unknown): RenderedMail {
  const valid = validMailData(template, data);
  const text = template.text(valid);
  return { subject: template.subject(valid), text, html: htmlOf(text) };
}
