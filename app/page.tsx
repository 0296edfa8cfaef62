// `/` has no page of its own: the workspace starts at Datasets.
import { redirect } from 'next/navigation';

export default function Home() {
  redirect('/datasets');
}
