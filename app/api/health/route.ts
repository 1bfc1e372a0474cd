import { NextResponse } from 'next/server';
import { prepared } from '@/db/client';

export const dynamic = 'force-dynamic';

export function GET() {
  try {
    prepared('SELECT 1').get();
    return NextResponse.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
  } catch {
    return NextResponse.json({ status: 'unavailable' }, { status: 503 });
  }
}
