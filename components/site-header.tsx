import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import { getViewer } from '@/lib/auth/current';
import { unreadCount } from '@/lib/services/notifications/inbox';
import { NotificationBell } from './notification-bell';
import { LanguageSwitcher } from './language-switcher';
import { NavLinks } from './nav-links';

export async function SiteHeader() {
  const t = await getTranslations('Layout');
  const viewer = await getViewer();
  const messages = await getMessages();
  // Only the bell's two sentences travel to the browser, not the catalogue.
  const bellMessages = {
    Layout: { notificationsUnread: messages.Layout.notificationsUnread },
    Notifications: { newOne: messages.Notifications.newOne },
  };
  const links = viewer
    ? [
        { href: '/rooms', label: t('rooms') },
        { href: '/initiatives', label: t('initiatives') },
        { href: '/meetings', label: t('meetings') },
        { href: '/dashboard', label: t('dashboard') },
        { href: '/readouts', label: t('readouts') },
        ...(viewer.role === 'facilitator' ? [{ href: '/facilitation', label: t('facilitation') }] : []),
      ]
    : [{ href: '/readouts', label: t('readouts') }];
  return (
    <header className="site-header">
      <div className="inner">
        <Link href="/" className="brand">
          <svg
            aria-hidden="true"
            width="22"
            height="22"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
          >
            <path d="M4 10h13v3a6 6 0 0 1-6 6h-1a6 6 0 0 1-6-6z" />
            <path d="M17 11h1.5a2.5 2.5 0 0 1 0 5H16" />
            <path d="M8 3c0 1.5 1.5 1.5 1.5 3M12 3c0 1.5 1.5 1.5 1.5 3" />
            <path d="M3 21h16" />
          </svg>
          Chaikhana
        </Link>
        <nav aria-label={t('mainNavigation')} className="site-nav">
          <NavLinks links={links} />
        </nav>
        {viewer ? (
          <form role="search" aria-label={t('searchLabel')} action="/search" method="get" className="header-search">
            <label htmlFor="header-search" className="visually-hidden">
              {t('searchLabel')}
            </label>
            <input id="header-search" type="search" name="q" maxLength={200} placeholder={t('search')} />
            <button type="submit">{t('search')}</button>
          </form>
        ) : null}
        <div className="user-box">
          {viewer ? (
            <>
              <NextIntlClientProvider messages={bellMessages}>
                <NotificationBell unread={await unreadCount(viewer)} />
              </NextIntlClientProvider>
              <Link href="/profile" data-testid="current-user">
                {viewer.name}
                {viewer.state ? ` · ${viewer.state}` : ''}
              </Link>
              <Link href="/signout">{t('signOut')}</Link>
            </>
          ) : (
            <>
              <Link href="/signin">{t('signIn')}</Link>
              <Link href="/register">{t('register')}</Link>
            </>
          )}
          <LanguageSwitcher />
        </div>
      </div>
    </header>
  );
}
