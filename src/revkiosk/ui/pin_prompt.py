"""The technician's PIN prompt shown after the kiosk exit chord.

Large type sized from the screen (it is read standing at a wall-mounted screen), digits hidden,
Esc or 30 s without typing cancels it, and three wrong PINs lock the prompt for a minute so a
curious visitor who found the chord cannot guess the PIN.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from revkiosk.i18n.words import _, ngettext

log = logging.getLogger(__name__)

MAX_TRIES = 3
IDLE_MS = 30_000
LOCKOUT_MS = 60_000


class PinPrompt(QDialog):
    """Modal, frameless PIN entry; emits `accepted` on the right PIN."""

    def __init__(self, parent: QWidget, check: Callable[[str], bool]) -> None:
        super().__init__(parent)
        self._check = check
        self._tries = 0
        self._locked = False
        self.setWindowFlags(
            Qt.WindowType.Dialog
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setModal(True)
        self.setObjectName("pinPrompt")
        self.title = QLabel(_("Technician exit — enter PIN"), self)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(32)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.returnPressed.connect(self._submit)
        self.field.textEdited.connect(self._restart_idle)
        self.message = QLabel(_("Enter ↵ to confirm · Esc to cancel"), self)
        for label in (self.title, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.field)
        layout.addWidget(self.message)
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._idle.timeout.connect(self.reject)
        self._unlock = QTimer(self, singleShot=True, interval=LOCKOUT_MS)
        self._unlock.timeout.connect(self._on_unlock)
        self._style()

    def _style(self) -> None:
        """Sizes from the parent's height: ~1/18 of the screen for the digits."""
        height = max(self.parentWidget().height(), 480)
        unit = height / 1080
        pad = round(40 * unit)
        self.layout().setContentsMargins(pad, pad, pad, pad)
        self.layout().setSpacing(round(24 * unit))
        self.setStyleSheet(
            f"""
            #pinPrompt {{ background: #161c28; border: {max(2, round(3 * unit))}px solid #ffb703;
                          border-radius: {round(24 * unit)}px; }}
            QLabel {{ color: #f2f4f8; font-family: Inter; font-size: {round(44 * unit)}px; }}
            QLineEdit {{ color: #f2f4f8; background: #0b0f17; border: 2px solid #a4adbd;
                         border-radius: {round(12 * unit)}px; padding: {round(12 * unit)}px;
                         font-size: {round(64 * unit)}px; lineedit-password-character: 9679; }}
            """
        )
        self.setFixedWidth(round(900 * unit))

    def open(self) -> None:  # QDialog API
        """Show the prompt centred on the kiosk window with an empty field."""
        self.field.clear()
        if not self._locked:
            self.message.setText(_("Enter ↵ to confirm · Esc to cancel"))
            self.field.setEnabled(True)
        self.adjustSize()
        parent = self.parentWidget()
        centre = parent.mapToGlobal(parent.rect().center())
        self.move(centre.x() - self.width() // 2, centre.y() - self.height() // 2)
        super().open()
        self.field.setFocus()
        self._idle.start()

    def _restart_idle(self) -> None:
        self._idle.start()

    def _submit(self) -> None:
        if self._locked:
            return
        if self._check(self.field.text()):
            log.info("kiosk: PIN accepted")
            self._idle.stop()
            self.accept()
            return
        self._tries += 1
        self.field.clear()
        log.warning("kiosk: wrong PIN (%d of %d)", self._tries, MAX_TRIES)
        if self._tries >= MAX_TRIES:
            self._locked = True
            self.field.setEnabled(False)
            self.message.setText(_("Too many tries — locked for a minute"))
            self._unlock.start()
            QTimer.singleShot(3000, self.reject)
        else:
            left = MAX_TRIES - self._tries
            self.message.setText(
                ngettext("Wrong PIN — {count} try left", "Wrong PIN — {count} tries left",
                         left, count=left)
            )  # fmt: skip

    def _on_unlock(self) -> None:
        self._locked = False
        self._tries = 0
        self.field.setEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)
