import type { Metadata, Viewport } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Announcer } from '@/components/live/announcer';
import { RouteFocus } from '@/components/route-focus';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Meta');
  return { title: { default: 'Chaikhana', template: '%s · Chaikhana' }, description: t('description') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0f5257' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('Layout');
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          {t('skipToContent')}
        </a>

        <SiteHeader />
        <main id="main">{children}</main>
        <Announcer label={t('announcements')} />
        <RouteFocus />
        <SiteFooter />
      </body>
    </html>
  );
}
