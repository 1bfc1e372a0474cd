'use client';

import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

export function SignOutButton() {
  const t = useTranslations('SignOut');
  const [pending, setPending] = useState(false);
  return (
    <button
      className="button"
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: '/' });
      }}
    >
      {t('submit')}
    </button>
  );
}
