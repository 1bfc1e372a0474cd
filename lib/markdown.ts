import MarkdownIt from 'markdown-it';

/**
 * The safe Markdown subset of messages and summaries: paragraphs, emphasis, links and lists.
 * Raw HTML is never rendered (html: false escapes it) and markdown-it refuses javascript:,
 * vbscript:, file: and data: links.
 */
const markdown = new MarkdownIt('zero', { html: false, linkify: true, breaks: true })
  .enable(['emphasis', 'link', 'list', 'linkify', 'newline', 'escape', 'autolink'])
  .enable(['paragraph', 'text'], true);

markdown.validateLink = (url: string) => /^(https?:|mailto:)/i.test(url.trim());

const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('rel', 'nofollow noopener noreferrer');
  tokens[idx].attrSet('target', '_blank');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(text: string): string {
  return markdown.render(text);
}
