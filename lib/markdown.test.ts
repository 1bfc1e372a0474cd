import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown (the safe subset)', () => {
  it('renders emphasis, links and lists', () => {
    const html = renderMarkdown('**bold** and *soft*\n\n- one\n- two\n\n[EU](https://europa.eu)');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>soft</em>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<a href="https://europa.eu" rel="nofollow noopener noreferrer" target="_blank">EU</a>');
  });

  it('never renders raw HTML or script links', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)> [x](javascript:alert(1)) <script>alert(1)</script> [d](data:text/html,hi)');
    expect(html).not.toMatch(/<img|<script|href="javascript|href="data/i);
    expect(html).toContain('&lt;img');
  });

  it('leaves headings, images and code blocks as plain text', () => {
    const html = renderMarkdown('# Title\n\n![i](https://x/y.png)');
    expect(html).not.toContain('<h1');
    expect(html).not.toContain('<img');
  });
});
