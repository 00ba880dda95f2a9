import { useEffect, useState } from 'react';
import { Spinner } from '../../ui';

/** Draws `value` as a QR code in the browser (the `qrcode` package, loaded on demand; no network). */
export function QrCode({ value, label }: { value: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    setSrc(null);
    import('qrcode')
      .then((qr) => qr.toDataURL(value, { errorCorrectionLevel: 'M', margin: 1, width: 400 }))
      .then(
        (url) => live && setSrc(url),
        () => live && setFailed(true),
      );
    return () => {
      live = false;
    };
  }, [value]);

  if (failed) return <div className="qr__placeholder muted">Could not draw the QR code. Use the key instead.</div>;
  if (!src) {
    return (
      <div className="qr__placeholder">
        <Spinner label="Drawing QR code…" />
      </div>
    );
  }
  return <img src={src} alt={label} width={200} height={200} data-testid="totp-qr" />;
}
