// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/window_snapshot.h"

#include <QCoreApplication>
#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSaveFile>
#include <QTextDocumentFragment>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace hearth::app {

namespace {

#ifdef HEARTH_TEST_HOOKS
//! What `item` shows as one line, or a null string when it is no text item.
QString shownText(const QQuickItem &item) {
    QString text;
    if (item.inherits("QQuickTextInput")) {
        text = item.property("displayText").toString(); // why: a password field shows its mask
    } else if (item.inherits("QQuickText") || item.inherits("QQuickTextEdit")) {
        text = item.property("text").toString();
        // Text.PlainText is 0; the other formats may hold markup a member never sees.
        if (item.property("textFormat").toInt() != 0 && Qt::mightBeRichText(text))
            text = QTextDocumentFragment::fromHtml(text).toPlainText();
    } else {
        return {};
    }
    for (const QChar separator :
         {QChar(u'\n'), QChar(QChar::LineSeparator), QChar(QChar::ParagraphSeparator)})
        text.replace(separator, u' ');
    return text.trimmed();
}

void collectTexts(const QQuickItem &item, QRectF visibleArea, QStringList &out) {
    if (!item.isVisible() || item.opacity() <= 0.0)
        return;
    const QRectF area = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()));
    if (item.clip())
        visibleArea &= area;
    if (visibleArea.isEmpty())
        return;
    const QString text = shownText(item);
    if (!text.isEmpty() && visibleArea.intersects(area))
        out.append(text);
    for (const QQuickItem *child : item.childItems())
        collectTexts(*child, visibleArea, out);
}

//! Writes aside and renames, so a poller sees either nothing or the whole file.
bool writeFile(const QString &path, const QByteArray &data) {
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.commit();
}
#endif

} // namespace

void WindowSnapshot::installIfRequested(QQmlApplicationEngine &engine) {
    const QString directory = qEnvironmentVariable("HEARTH_SNAPSHOT_DIR");
    if (directory.isEmpty())
        return;
    QDir().mkpath(directory);
    new WindowSnapshot(engine, directory);
}

#ifdef HEARTH_TEST_HOOKS
QStringList WindowSnapshot::visibleTexts(QQuickWindow &window) {
    QStringList texts;
    collectTexts(*window.contentItem(), QRectF(0, 0, window.width(), window.height()), texts);
    return texts;
}
#endif

WindowSnapshot::WindowSnapshot(QQmlApplicationEngine &engine, QString directory)
    : QObject(&engine)
    , m_engine(engine)
    , m_directory(std::move(directory)) {
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &WindowSnapshot::poll);
    timer->start(100);
}

void WindowSnapshot::poll() {
    QFile request(m_directory + u"/request"_s);
    if (!request.exists() || !request.open(QIODevice::ReadOnly))
        return;
    const QStringList names = QString::fromUtf8(request.readAll()).split(u'\n', Qt::SkipEmptyParts);
    request.close();
    request.remove();
    const auto roots = m_engine.rootObjects();
    auto *window = roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(roots.first());
    for (const QString &raw : names) {
        QString name = raw.trimmed();
        if (name == u"quit"_s) {
            QCoreApplication::quit();
            return;
        }
        const bool texts = name.startsWith(u"texts:"_s);
        if (texts)
            name.remove(0, 6);
        if (!window || name.isEmpty() || name.contains(u'/'))
            continue;
        const QString base = m_directory + u'/' + name;
        if (texts) {
#ifdef HEARTH_TEST_HOOKS
            writeFile(base + u".txt"_s, visibleTexts(*window).join(u'\n').toUtf8() + '\n');
#endif
        } else {
            QSaveFile file(base + u".png"_s);
            if (file.open(QIODevice::WriteOnly) && window->grabWindow().save(&file, "PNG"))
                file.commit();
        }
    }
}

} // namespace hearth::app
