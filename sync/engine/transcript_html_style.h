// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The style sheet inlined into HTML transcripts: the app's palette (qml/Theme.qml), light by
// default and dark under prefers-color-scheme, readable when printed. ASCII only.

namespace hearth::engine {

inline constexpr char kTranscriptCss[] = R"css(
:root { color-scheme: light dark; --bg: #ffffff; --text: #1a1d22; --muted: #626b78;
  --border: #e1e4e9; --soft: #f4f5f7; --accent: #3b5bdb; --ok: #2f9e44; --warn: #7a4b00;
  --warn-bg: #fff4db; --chip: #eef0f3; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #16181c; --text: #e9ebee; --muted: #8e96a2; --border: #2f333a;
    --soft: #1d2025; --accent: #9bb0ff; --ok: #69db7c; --warn: #ffd580; --warn-bg: #3a3220;
    --chip: #23262c; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 1.5rem 1rem 3rem; background: var(--bg);
  color: var(--text); font: 15px/1.45 "DejaVu Sans", system-ui, sans-serif; }
header { border-bottom: 1px solid var(--border); padding-bottom: 0.75rem; }
h1 { font-size: 1.5rem; margin: 0 0 0.25rem; overflow-wrap: anywhere; }
.meta, .legend, footer { color: var(--muted); font-size: 0.85rem; margin: 0.2rem 0; }
h2.day { font-size: 0.8rem; font-weight: 600; color: var(--muted); text-align: center;
  margin: 1.5rem 0 0.5rem; text-transform: uppercase; letter-spacing: 0.04em; }
article.msg { padding: 0.35rem 0.6rem; margin: 0.15rem 0; border-radius: 6px; }
article.msg:hover { background: var(--soft); }
.head { font-size: 0.85rem; color: var(--muted); }
.sender { font-weight: 700; color: var(--text); margin-right: 0.35rem; }
.text { margin: 0.1rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.note { margin: 0.1rem 0 0; font-style: italic; color: var(--muted); }
.undecrypted .note { color: var(--warn); }
.edited { font-style: italic; }
.mark { margin-left: 0.3rem; }
.mark.ok { color: var(--ok); }
.mark.warn { color: var(--warn); }
ul.reactions { list-style: none; display: flex; flex-wrap: wrap; gap: 0.3rem; padding: 0;
  margin: 0.3rem 0 0; }
ul.reactions li { background: var(--chip); border: 1px solid var(--border);
  border-radius: 999px; padding: 0 0.5rem; font-size: 0.85rem; }
p.member { color: var(--muted); font-size: 0.85rem; margin: 0.3rem 0.6rem; }
p.member time { margin-right: 0.4rem; }
p.refused { background: var(--warn-bg); border-radius: 6px; padding: 0.2rem 0.4rem; }
footer { border-top: 1px solid var(--border); margin-top: 2rem; padding-top: 0.75rem; }
@media print { body { max-width: none; } article.msg { break-inside: avoid; } }
)css";

} // namespace hearth::engine
