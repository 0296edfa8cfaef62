'use client';
// The workspace's top bar: sections, the user's name and Log out; a menu button on narrow screens.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { LogoutButton } from '../auth/logout-button';
import { Brand } from '../brand';
import { CloseIcon, MenuIcon } from '../icons';
import { focusRing } from '../ui/button';
import { isActive, sections } from './sections';

function SectionLink({
  href,
  label,
  active,
  icon: Icon,
  wide,
}: {
  href: string;
  label: string;
  active: boolean;
  icon: (props: { className?: string }) => React.ReactElement;
  wide?: boolean;
}) {
  const tone = active
    ? 'bg-indigo-50 text-indigo-700'
    : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900';
  return (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium ${tone}
        ${focusRing} ${wide ? 'w-full' : ''}`}
    >
      <Icon className="h-5 w-5" />
      {label}
    </Link>
  );
}

/** Up to two initials of a name, for the avatar: "Ada Lovelace" → "AL". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => Array.from(word)[0]?.toUpperCase() ?? '').join('') || '?';
}

export function NavBar({ userName }: { userName: string }) {
  const pathname = usePathname() ?? '/';
  const [open, setOpen] = useState(false);

  // Close the narrow-screen menu after navigating, and on Escape.
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-6 px-4 sm:px-6">
        <Link href="/datasets" className={`rounded-md ${focusRing}`} aria-label="Cidra-ML home">
          <Brand />
        </Link>

        <nav aria-label="Sections" className="hidden lg:block">
          <ul className="flex items-center gap-1">
            {sections.map((section) => (
              <li key={section.href}>
                <SectionLink {...section} active={isActive(pathname, section.href)} />
              </li>
            ))}
          </ul>
        </nav>

        <div className="ml-auto hidden items-center gap-3 lg:flex">
          <span className="flex items-center gap-2 text-sm text-slate-700">
            <span
              aria-hidden="true"
              className="flex h-8 w-8 items-center justify-center rounded-full bg-slate-200 text-xs
                font-semibold text-slate-700"
            >
              {initials(userName)}
            </span>
            <span data-testid="user-name">{userName}</span>
          </span>
          <Link
            href="/settings"
            aria-current={isActive(pathname, '/settings') ? 'page' : undefined}
            className={`rounded-md px-2 py-1 text-sm font-medium text-slate-600 hover:bg-slate-100
              hover:text-slate-900 ${focusRing}`}
          >
            Settings
          </Link>
          <LogoutButton />
        </div>

        <button
          type="button"
          className={`ml-auto rounded-md p-2 text-slate-700 hover:bg-slate-100 lg:hidden ${focusRing}`}
          aria-expanded={open}
          aria-controls="mobile-menu"
          onClick={() => setOpen((value) => !value)}
        >
          {open ? <CloseIcon /> : <MenuIcon />}
          <span className="sr-only">{open ? 'Close menu' : 'Open menu'}</span>
        </button>
      </div>

      {open && (
        <div id="mobile-menu" className="border-t border-slate-200 px-4 pb-4 pt-2 lg:hidden">
          <nav aria-label="Sections">
            <ul className="space-y-1">
              {sections.map((section) => (
                <li key={section.href}>
                  <SectionLink {...section} active={isActive(pathname, section.href)} wide />
                </li>
              ))}
            </ul>
          </nav>
          <div className="mt-3 flex items-center justify-between border-t border-slate-200 pt-3">
            <span className="text-sm text-slate-600">Signed in as {userName}</span>
            <span className="flex items-center gap-2">
              <Link
                href="/settings"
                className={`rounded-md px-2 py-1 text-sm font-medium text-slate-600 ${focusRing}`}
              >
                Settings
              </Link>
              <LogoutButton />
            </span>
          </div>
        </div>
      )}
    </header>
  );
}
