// SPDX-License-Identifier: GPL-3.0-or-later
pragma Singleton
import QtQuick

//! Colours, spacing, radii and type scale of every view. Light and dark palettes keep body text
//! at WCAG AA contrast (4.5:1) on the surfaces it sits on.
QtObject {
    id: theme

    // Accent and states
    readonly property color accent: dark ? "#4c6ef5" : "#3b5bdb"
    readonly property color accentHover: dark ? "#5c7cfa" : "#364fc7"
    readonly property color accentSoft: dark ? "#26305a" : "#e7ecfd"
    readonly property color accentText: "#ffffff"
    readonly property int avatarSize: 36
    readonly property color away: "#e8930c"
    readonly property color badge: accent
    readonly property color badgeMuted: dark ? "#4a505a" : "#9aa1ab"
    readonly property color border: dark ? "#2f333a" : "#e1e4e9"
    readonly property color codeBackground: dark ? "#0f1114" : "#f1f3f5"
    readonly property int controlHeight: 36
    readonly property color danger: dark ? "#ff8787" : "#c92a2a"
    readonly property color dangerFill: dark ? "#e03131" : "#c92a2a"
    readonly property color dangerSoft: dark ? "#3b2326" : "#fdecec"
    //! Dark palette in use; follows `mode`, may be set directly (tests, screenshots).
    property bool dark: mode === "dark" || (mode === "system" && systemDark)
    readonly property color divider: dark ? "#262a30" : "#eceef1"
    readonly property int fontBody: 13
    readonly property int fontDisplay: 26

    // Type scale (pixel sizes; DejaVu Sans is wide, so the scale runs a little small)
    readonly property string fontFamily: "DejaVu Sans"
    //! Colour emoji (DejaVu has monochrome outlines of many and would win the fallback).
    readonly property string emojiFamily: "Noto Color Emoji"
    readonly property int fontLarge: 15
    readonly property int fontSmall: 12
    readonly property int fontTiny: 11
    readonly property int fontTitle: 18
    readonly property int headerHeight: 56
    readonly property color hover: dark ? "#272b32" : "#eceef2"
    readonly property color inputBackground: dark ? "#121417" : "#ffffff"
    readonly property color inputBorder: dark ? "#3a3f47" : "#cfd4dc"
    readonly property color link: dark ? "#9bb0ff" : "#2f4ac0"
    readonly property int memberPanelWidth: 260

    //! "system", "light" or "dark" (App.settings.theme).
    property string mode: "system"
    readonly property string monoFamily: "DejaVu Sans Mono"
    readonly property color newMessages: dark ? "#ff8787" : "#d6336c"
    readonly property color offline: dark ? "#6b7280" : "#9aa1ab"
    readonly property color online: "#2f9e44"
    readonly property color overlay: dark ? "#99000000" : "#66101318"
    readonly property color placeholder: dark ? "#7f8793" : "#6b7380"
    readonly property int radiusL: 12
    readonly property int radiusM: 8
    readonly property int radiusS: 4
    readonly property color raised: dark ? "#23262c" : "#ffffff"
    readonly property color reactionMine: dark ? "#2b3a6b" : "#e2e8fb"
    readonly property color reactionMineBorder: dark ? "#5c7cfa" : "#91a7ff"
    readonly property color selected: dark ? "#2b3550" : "#e2e8fb"
    readonly property color sidebar: dark ? "#1d2025" : "#f4f5f7"

    // Layout
    readonly property int sidebarWidth: 300
    readonly property int spacingL: 16
    readonly property int spacingM: 12
    readonly property int spacingS: 8
    readonly property int spacingXl: 24

    // Spacing, radii
    readonly property int spacingXs: 4
    readonly property int spacingXxl: 40
    readonly property color sunken: dark ? "#121417" : "#eef0f3"
    readonly property bool systemDark: systemPalette.window.hslLightness < 0.45
    // why: Qt 6.4 has no colour-scheme API; a dark system palette has a dark window colour.
    readonly property SystemPalette systemPalette: SystemPalette {
        colorGroup: SystemPalette.Active
    }

    // Text (contrast on window / sidebar)
    readonly property color text: dark ? "#e9ebee" : "#1a1d22"
    readonly property color textMuted: dark ? "#8e96a2" : "#626b78"
    readonly property color textSecondary: dark ? "#b0b6bf" : "#4f5763"
    readonly property color warningSoft: dark ? "#3a3220" : "#fff4db"
    readonly property color warningText: dark ? "#ffd580" : "#7a4b00"

    // Surfaces
    readonly property color window: dark ? "#16181c" : "#ffffff"

    //! Whether a link may be handed to the desktop: only web links.
    function isWebLink(url) {
        const s = String(url).toLowerCase();
        return s.startsWith("https://") || s.startsWith("http://");
    }
}
