// The workspace's sections, in navigation order.
import { ModelIcon, PredictIcon, TableIcon, TestIcon } from '../icons';

export interface Section {
  href: string;
  label: string;
  icon: (props: { className?: string }) => React.ReactElement;
}

export const sections: Section[] = [
  { href: '/datasets', label: 'Datasets', icon: TableIcon },
  { href: '/models', label: 'Models', icon: ModelIcon },
  { href: '/testing', label: 'Testing', icon: TestIcon },
  { href: '/predicting', label: 'Predicting', icon: PredictIcon },
];

/** Whether `pathname` is inside the section at `href` (the section page or anything below it). */
export function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
