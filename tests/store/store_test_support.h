// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared helpers of the store tests: a temporary profile at minimum Argon2id cost, and event
// builders.

#include "sync/store/profile.h"
#include "sync/store/store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace hearth::store::test {

using namespace Qt::Literals::StringLiterals;

inline constexpr QByteArrayView kPassphrase = "correct horse battery staple";
inline constexpr ConversationId kConv{7};
inline const UserId kMe{u"me"_s};
inline const UserId kAlice{u"alice"_s};
inline const UserId kBob{u"bob"_s};

//! Fails the current test (and returns from it) when `result` is a failure, printing why.
#define STORE_OK(result)                                                                           \
    do {                                                                                           \
        const auto &storeOkResult_ = (result);                                                     \
        if (!storeOkResult_.ok())                                                                  \
            QFAIL(qPrintable(u"store failure: "_s + storeOkResult_.error().message));              \
    } while (false)

//! "ok", or the name of `result`'s error: for QCOMPARE(errorOf(r), "WrongPassphrase"_L1).
template <class R> QString errorOf(const R &result) {
    return result.ok() ? u"ok"_s : QString::fromLatin1(storeErrorName(result.error().code));
}

//! `result`'s value, or a failed test.
template <class R> auto valueOf(R &&result) {
    if (!result.ok())
        qFatal("store failure: %s", qPrintable(result.error().message));
    return std::move(result).value();
}

//! A fresh profile in a temporary directory, with an account for kMe, and its read-write store.
struct TempProfile {
    QTemporaryDir dir;
    std::optional<Profile> profile;
    std::unique_ptr<Store> store;

    explicit TempProfile(bool withAccount = true) {
        profile.emplace(
            valueOf(Profile::create(path(), kPassphrase, crypto::PasswordHashCost::Minimum)));
        store = valueOf(profile->openStore(Access::ReadWrite));
        if (withAccount) {
            AccountSecrets secrets{
                crypto::SecretBytes::generate(32), crypto::SecretBytes::generate(32), {}};
            if (!store->account().create({kMe, DeviceId{1}, u"wss://relay.test"_s, 1}, secrets))
                qFatal("cannot create the test account");
        }
    }
    [[nodiscard]] QString path() const { return dir.filePath(u"profile"_s); }
    //! Closes and reopens the store (as an app restart would).
    void reopen() {
        store.reset();
        profile.emplace(valueOf(Profile::unlock(path(), kPassphrase)));
        store = valueOf(profile->openStore(Access::ReadWrite));
    }
};

//! Why the full-text index does not match the messages' current text ("" when it does): the
//! same documents (events_fts_docsize against rows with a body), and the same terms with the
//! same document and occurrence counts as an index rebuilt from scratch. why not FTS4's own
//! 'integrity-check': in SQLite 3.15 it reports every order=DESC index as malformed.
inline QString searchIndexProblems(Database &db) {
    const char *setup =
        "CREATE VIRTUAL TABLE temp.ref USING fts4(body, tokenize=unicode61 "
        "\"remove_diacritics=1\");"
        "INSERT INTO temp.ref(docid, body) SELECT id, body FROM events WHERE body IS NOT NULL;"
        "CREATE VIRTUAL TABLE temp.ref_terms USING fts4aux(temp, ref);"
        "CREATE VIRTUAL TABLE temp.live_terms USING fts4aux(main, events_fts);";
    const char *teardown = "DROP TABLE temp.live_terms; DROP TABLE temp.ref_terms; "
                           "DROP TABLE temp.ref;";
    if (auto built = db.exec(setup); !built)
        return built.error().message;
    QString problems;
    const std::pair<const char *, const char *> checks[] = {
        {"SELECT count(*) FROM events_fts_docsize WHERE docid NOT IN "
         "(SELECT id FROM events WHERE body IS NOT NULL)",
         "indexed documents without a body"},
        {"SELECT count(*) FROM events WHERE body IS NOT NULL AND id NOT IN "
         "(SELECT docid FROM events_fts_docsize)",
         "bodies not indexed"},
        {"SELECT count(*) FROM (SELECT term, documents, occurrences FROM temp.ref_terms "
         "WHERE col = '*' EXCEPT SELECT term, documents, occurrences FROM temp.live_terms "
         "WHERE col = '*')",
         "terms missing or miscounted"},
        {"SELECT count(*) FROM (SELECT term, documents, occurrences FROM temp.live_terms "
         "WHERE col = '*' EXCEPT SELECT term, documents, occurrences FROM temp.ref_terms "
         "WHERE col = '*')",
         "terms that should not be there"},
    };
    for (const auto &[sql, what] : checks) {
        auto count = db.scalar(sql);
        if (!count)
            problems += count.error().message + u'\n';
        else if (*count != 0)
            problems += u"%1 %2\n"_s.arg(*count).arg(QLatin1StringView(what));
    }
    (void)db.exec(teardown);
    return problems;
}

inline QByteArray sha256Of(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

//! The `seq` of each item, in order.
template <class T> QList<quint64> seqsOf(const QList<T> &items) {
    QList<quint64> seqs;
    for (const T &item : items)
        seqs.push_back(item.seq);
    return seqs;
}

//! A decrypted message from `sender` (device 10 + the user's first letter) at `seq`.
inline IncomingEvent message(quint64 seq, const UserId &sender, const QString &text,
                             ConversationId conv = kConv) {
    IncomingEvent event;
    event.conversation = conv;
    event.seq = seq;
    event.ts = 1'700'000'000'000 + qint64(seq) * 1000;
    event.sender = DeviceAddress{sender, DeviceId{10u + sender.name.at(0).unicode()}};
    event.cmid = ClientMessageId::generate();
    event.content.contentType = u"text"_s;
    event.content.text = text;
    return event;
}

//! A relation by `sender` at `seq` naming `target`.
inline IncomingEvent relation(quint64 seq, const UserId &sender, Relation kind, EventRef target,
                              const QString &text = {}, ConversationId conv = kConv) {
    IncomingEvent event = message(seq, sender, text, conv);
    event.content.relation = kind;
    event.content.target = std::move(target);
    return event;
}

//! A membership event (verified by the engine unless `trust` says otherwise).
inline IncomingEvent membership(quint64 seq, MembershipAction action, const UserId &user,
                                std::optional<Role> role = std::nullopt,
                                MemberTrust trust = MemberTrust::Signed) {
    IncomingEvent event;
    event.conversation = kConv;
    event.seq = seq;
    event.ts = 1'700'000'000'000 + qint64(seq) * 1000;
    event.sender = DeviceAddress{user, DeviceId{99}};
    event.kind = EventKind::Membership;
    event.membership = MembershipChange{action, user, role, std::nullopt, {}, trust};
    return event;
}

} // namespace hearth::store::test
