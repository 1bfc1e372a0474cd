import { renderMarkdown } from '@/lib/markdown';

/** User text in the safe Markdown subset; the HTML comes only from lib/markdown's renderer. */
export function Markdown({ text, className = 'message-body' }: { text: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
}
