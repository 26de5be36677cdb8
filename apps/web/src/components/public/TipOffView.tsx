import { useState } from 'react';
import type { Language } from '@mpm/domain';
import { usePublicSession } from '../../state/public-session.ts';
import { TipOffForm } from './TipOffForm.tsx';
import { ReceiptCard, TipOffLookup } from './TipOffStatus.tsx';

/** The tip-off tab: the form, or the receipt of the one just sent; and the lookup by receipt code. */
export function TipOffView({ lang }: { lang: Language }) {
  const receipt = usePublicSession((s) => s.receipt);
  const setReceipt = usePublicSession((s) => s.setReceipt);
  const [asked, setAsked] = useState<{ code: string; at: number } | null>(null);
  return (
    <>
      {receipt ? (
        <ReceiptCard
          receipt={receipt}
          onLookUp={() => setAsked({ code: receipt.receiptCode, at: Date.now() })}
          onNew={() => setReceipt(null)}
        />
      ) : (
        <TipOffForm lang={lang} />
      )}
      <TipOffLookup lang={lang} asked={asked} />
    </>
  );
}
