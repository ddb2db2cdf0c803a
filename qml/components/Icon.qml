// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Hearth.Ui

//! A monochrome icon. Glyph icons come from DejaVu Sans; the few it lacks ("search",
//! "members", "muted") are drawn on a Canvas once.
Item {
    id: root

    property color color: Theme.textSecondary
    readonly property bool drawn: name === "search" || name === "members" || name === "muted"
    readonly property var glyphs: ({
            "settings": "\u2699",
            "edit": "\u270E",
            "check": "\u2713",
            "close": "\u2715",
            "clock": "\u25F7",
            "retry": "\u21BB",
            "down": "\u2193",
            "plus": "+",
            "more": "\u22EF",
            "smile": "\u263A",
            "warning": "\u26A0",
            "send": "\u27A4",
            "delete": "\u2716",
            "lock": "\u2302",
            "back": "\u2190",
            "forward": "\u2192",
            "calendar": "\u25A6",
            "message": "\u2709"
        })

    //! settings, edit, check, close, clock, retry, down, plus, more, smile, warning, send,
    //! delete, lock, search, members, muted, back, forward, calendar.
    property string name
    property int size: 16

    implicitHeight: size
    implicitWidth: size

    Text {
        anchors.centerIn: parent
        color: root.color
        font.family: Theme.fontFamily
        font.pixelSize: root.name === "plus" ? root.size * 1.25 : root.size
        text: root.glyphs[root.name] || ""
        visible: !root.drawn
    }
    Loader {
        active: root.drawn
        anchors.fill: parent

        sourceComponent: Canvas {
            id: canvas

            // why: Qt 6.4's Loader cannot create a bound component, so these stay unqualified.
            readonly property color ink: root.color // qmllint disable unqualified
            readonly property string shape: root.name // qmllint disable unqualified

            onInkChanged: requestPaint()
            onPaint: {
                const ctx = getContext("2d");
                const s = Math.min(width, height);
                ctx.reset();
                ctx.strokeStyle = ink;
                ctx.fillStyle = ink;
                ctx.lineWidth = Math.max(1.5, s / 10);
                ctx.lineCap = "round";
                if (shape === "search") {
                    ctx.beginPath();
                    ctx.arc(s * 0.42, s * 0.42, s * 0.28, 0, Math.PI * 2);
                    ctx.stroke();
                    ctx.beginPath();
                    ctx.moveTo(s * 0.63, s * 0.63);
                    ctx.lineTo(s * 0.88, s * 0.88);
                    ctx.stroke();
                } else if (shape === "members") {
                    ctx.beginPath();
                    ctx.arc(s * 0.38, s * 0.32, s * 0.17, 0, Math.PI * 2);
                    ctx.stroke();
                    ctx.beginPath();
                    ctx.arc(s * 0.38, s * 0.95, s * 0.33, Math.PI * 1.15, Math.PI * 1.85);
                    ctx.stroke();
                    ctx.beginPath();
                    ctx.arc(s * 0.72, s * 0.36, s * 0.13, Math.PI * 1.2, Math.PI * 2.6);
                    ctx.stroke();
                    ctx.beginPath();
                    ctx.arc(s * 0.74, s * 0.95, s * 0.26, Math.PI * 1.3, Math.PI * 1.85);
                    ctx.stroke();
                } else if (shape === "muted") {
                    ctx.beginPath();
                    ctx.moveTo(s * 0.22, s * 0.72);
                    ctx.lineTo(s * 0.78, s * 0.72);
                    ctx.lineTo(s * 0.70, s * 0.60);
                    ctx.lineTo(s * 0.70, s * 0.42);
                    ctx.arc(s * 0.5, s * 0.42, s * 0.2, 0, Math.PI, true);
                    ctx.lineTo(s * 0.30, s * 0.60);
                    ctx.closePath();
                    ctx.stroke();
                    ctx.beginPath();
                    ctx.moveTo(s * 0.15, s * 0.15);
                    ctx.lineTo(s * 0.85, s * 0.85);
                    ctx.stroke();
                }
            }
            onShapeChanged: requestPaint()
        }
    }
}
