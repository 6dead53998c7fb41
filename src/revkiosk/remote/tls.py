"""TLS for the remote service from a certificate and key named in settings.yaml (`remote:
certificate:` and `key:`, PEM files). A file that cannot be used stops the service from starting,
with the reason: it never falls back to plain HTTP when TLS was asked for."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtNetwork import QSsl, QSslCertificate, QSslConfiguration, QSslKey, QSslSocket

from revkiosk.safe_files import check_regular, read_bytes


class TlsError(RuntimeError):
    """The certificate or key cannot be used (the text names the file and why)."""


def server_configuration(certificate: Path, key: Path) -> QSslConfiguration:
    """A server-side TLS configuration (TLS 1.2 or later, no client certificates)."""
    if not QSslSocket.supportsSsl():
        raise TlsError("TLS is not available: Qt found no OpenSSL library on this machine")
    try:  # a FIFO or a device named as a certificate would hang the service: look first
        check_regular(certificate, 1024 * 1024)
    except FileNotFoundError:
        pass  # said below, as any certificate Qt finds nothing in
    except OSError as error:
        raise TlsError(f"{certificate}: cannot be read ({error.strerror or error})") from None
    chain = QSslCertificate.fromPath(str(certificate), QSsl.EncodingFormat.Pem)
    if not chain:
        raise TlsError(f"{certificate}: no PEM certificate found (or the file is unreadable)")
    try:
        data = read_bytes(key, 1024 * 1024)
    except OSError as error:
        raise TlsError(f"{key}: cannot be read ({error.strerror or error})") from None
    private = None
    for algorithm in (QSsl.KeyAlgorithm.Rsa, QSsl.KeyAlgorithm.Ec):
        candidate = QSslKey(data, algorithm, QSsl.EncodingFormat.Pem, QSsl.KeyType.PrivateKey)
        if not candidate.isNull():
            private = candidate
            break
    if private is None:
        raise TlsError(f"{key}: not an unencrypted PEM RSA or EC private key")
    config = QSslConfiguration.defaultConfiguration()
    config.setLocalCertificateChain(chain)
    config.setPrivateKey(private)
    config.setPeerVerifyMode(QSslSocket.PeerVerifyMode.VerifyNone)
    config.setProtocol(QSsl.SslProtocol.TlsV1_2OrLater)
    return config
