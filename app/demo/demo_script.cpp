// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/demo/demo_script.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

namespace hearth::demo {

using namespace Qt::Literals::StringLiterals;

namespace {

const QRegularExpression &messagePattern() {
    static const QRegularExpression pattern(u"^([a-z]+)(?:#([\\w-]+))?(?:>([\\w-]+))?: (.*)$"_s);
    return pattern;
}

const QRegularExpression &reactPattern() {
    static const QRegularExpression pattern(u"^\\+([a-z]+) (\\S+)(?: ([\\w-]+))?$"_s);
    return pattern;
}

const QRegularExpression &editPattern() {
    static const QRegularExpression pattern(u"^~([a-z]+) ([\\w-]+): (.*)$"_s);
    return pattern;
}

const QRegularExpression &deletePattern() {
    static const QRegularExpression pattern(u"^-([a-z]+) ([\\w-]+)$"_s);
    return pattern;
}

//! Parses one non-continuation line into `step`; false when it matches no form.
bool parseLine(const QString &line, ScriptStep &step) {
    using Kind = ScriptStep::Kind;
    if (auto m = messagePattern().match(line); m.hasMatch()) {
        step = {Kind::Message, m.captured(1), m.captured(4), m.captured(2), {}, m.captured(3)};
        return true;
    }
    if (auto m = reactPattern().match(line); m.hasMatch()) {
        step = {Kind::React, m.captured(1), m.captured(2), {}, m.captured(3), {}};
        return true;
    }
    if (auto m = editPattern().match(line); m.hasMatch()) {
        step = {Kind::Edit, m.captured(1), m.captured(3), {}, m.captured(2), {}};
        return true;
    }
    if (auto m = deletePattern().match(line); m.hasMatch()) {
        step = {Kind::Delete, m.captured(1), {}, {}, m.captured(2), {}};
        return true;
    }
    return false;
}

} // namespace

ParsedScript parseScript(const QString &text) {
    ParsedScript result;
    QSet<QString> tags;
    bool anyMessage = false;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        const int number = int(i) + 1;
        auto fail = [&](const QString &why) {
            result.steps.clear();
            result.error = u"line %1: %2"_s.arg(number).arg(why);
            return result;
        };
        if (line.trimmed().isEmpty() || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u'|')) {
            if (result.steps.isEmpty() ||
                (result.steps.constLast().kind != ScriptStep::Kind::Message &&
                 result.steps.constLast().kind != ScriptStep::Kind::Edit))
                return fail(u"a continuation line must follow a message or an edit"_s);
            result.steps.last().text += u'\n' + line.mid(2);
            continue;
        }
        ScriptStep step;
        if (!parseLine(line, step))
            return fail(u"not a message, reaction, edit or delete"_s);
        step.line = number;
        for (const QString &reference : {step.target, step.replyTo}) {
            if (!reference.isEmpty() && !tags.contains(reference))
                return fail(u"unknown tag \"%1\""_s.arg(reference));
        }
        if (step.kind != ScriptStep::Kind::Message && step.target.isEmpty() && !anyMessage)
            return fail(u"nothing above to act on"_s);
        if (!step.tag.isEmpty()) {
            if (tags.contains(step.tag))
                return fail(u"tag \"%1\" defined twice"_s.arg(step.tag));
            tags.insert(step.tag);
        }
        anyMessage = anyMessage || step.kind == ScriptStep::Kind::Message;
        result.steps.append(step);
    }
    return result;
}

ParsedScript loadScript(const QString &name) {
    QFile file(u":/hearth/demo/"_s + name + u".txt"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {{}, u"no script named %1"_s.arg(name)};
    ParsedScript parsed = parseScript(QString::fromUtf8(file.readAll()));
    if (!parsed.error.isEmpty())
        parsed.error = name + u".txt "_s + parsed.error;
    return parsed;
}

QList<ScriptStep> truncateScript(const QList<ScriptStep> &script, int messages) {
    if (messages <= 0)
        return script;
    QList<ScriptStep> kept;
    int count = 0;
    for (const ScriptStep &step : script) {
        if (step.kind == ScriptStep::Kind::Message && ++count > messages)
            break;
        kept.append(step);
    }
    return kept;
}

} // namespace hearth::demo
