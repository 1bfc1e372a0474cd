'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** Marks the current section for screen readers and sighted users alike. */
export function NavLinks({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return links.map((link) => (
    <Link
      key={link.href}
      href={link.href}
      aria-current={pathname === link.href || pathname.startsWith(`${link.href}/`) ? 'page' : undefined}
    >
      {link.label}
    </Link>
  ));
}
