// Applies the chosen theme to <html data-theme>; 'system' leaves it to prefers-color-scheme.
import { useEffect } from 'react';
import { useSetting } from '@/data/reads';

export function useApplyTheme(): void {
  const theme = useSetting('theme');
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
    else delete root.dataset.theme;
  }, [theme]);
}
