// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace hearth::demo {

//! One step of a conversation script (app/demo/scripts/*.txt).
//!
//! Format, one step per line (blank lines and lines starting with `#` are skipped):
//!   alice: text              a message
//!   alice#tag: text          a message others can refer to as `tag`
//!   bob>tag: text            a reply to the message `tag` (`bob#own>tag: …` for both)
//!   | more text              continues the message (or edit) above on a new line (`|` alone:
//!                            an empty line)
//!   +carol 🎉                carol reacts to the message above
//!   +carol 🎉 tag            carol reacts to the message `tag`
//!   ~alice tag: new text     alice edits her message `tag`
//!   -alice tag               alice deletes her message `tag`
struct ScriptStep final {
    enum class Kind { Message, React, Edit, Delete };
    Kind kind = Kind::Message;
    QString author;
    QString text;    //!< message or new text; the emoji of a reaction
    QString tag;     //!< Message: its own tag (may be empty)
    QString target;  //!< React, Edit, Delete: the tag acted on (empty: the message above)
    QString replyTo; //!< Message: the tag it answers (may be empty)
    int line = 0;    //!< 1-based line in the script, for error messages
};

//! A parsed script, or why it could not be parsed.
struct ParsedScript final {
    QList<ScriptStep> steps;
    QString error; //!< "line N: …" when the script is malformed
};

//! Parses a script; every reference must name a tag defined on an earlier line.
[[nodiscard]] ParsedScript parseScript(const QString &text);

//! Loads and parses the script resource `:/hearth/demo/<name>.txt`.
[[nodiscard]] ParsedScript loadScript(const QString &name);

//! The first `messages` messages of `script` with the steps that come between them (all of it
//! when `messages` is 0 or more than the script has).
[[nodiscard]] QList<ScriptStep> truncateScript(const QList<ScriptStep> &script, int messages);

} // namespace hearth::demo
