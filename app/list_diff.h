// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QList>
#include <algorithm>

namespace hearth::app {

//! A list model whose rows applyRowDiff() can update: exposes Qt's protected begin/end calls.
class DiffableListModel : public QAbstractListModel {
public:
    using QAbstractListModel::QAbstractListModel;

    void beginRemove(int row) { beginRemoveRows({}, row, row); }
    void endRemove() { endRemoveRows(); }
    void beginInsert(int row) { beginInsertRows({}, row, row); }
    void endInsert() { endInsertRows(); }
    //! Moves `from` up to `to` (to < from).
    void beginMove(int from, int to) { beginMoveRows({}, from, from, {}, to); }
    void endMove() { endMoveRows(); }
    void rowChanged(int row) { Q_EMIT dataChanged(index(row), index(row)); }
};

//! Turns `rows` into `target` through the smallest obvious steps — removals, moves, inserts,
//! then dataChanged for every kept row that differs — so views keep their scroll position and
//! selection. `keyOf(row)` identifies a row; rows compare with ==. The caller passes its model
//! and the begin/end functions it exposes (they are protected in Qt).
template <class Row, class Key, class Model>
void applyRowDiff(Model &model, QList<Row> &rows, const QList<Row> &target, Key keyOf) {
    // Removals, from the back.
    for (qsizetype i = rows.size() - 1; i >= 0; --i) {
        const auto key = keyOf(rows.at(i));
        const bool kept = std::any_of(target.begin(), target.end(),
                                      [&](const Row &row) { return keyOf(row) == key; });
        if (!kept) {
            model.beginRemove(int(i));
            rows.removeAt(i);
            model.endRemove();
        }
    }
    // Moves and inserts, front to back.
    for (qsizetype i = 0; i < target.size(); ++i) {
        const auto key = keyOf(target.at(i));
        qsizetype at = -1;
        for (qsizetype j = i; j < rows.size(); ++j) {
            if (keyOf(rows.at(j)) == key) {
                at = j;
                break;
            }
        }
        if (at < 0) {
            model.beginInsert(int(i));
            rows.insert(i, target.at(i));
            model.endInsert();
        } else if (at != i) {
            model.beginMove(int(at), int(i));
            rows.move(at, i);
            model.endMove();
        }
        if (!(rows.at(i) == target.at(i))) {
            rows[i] = target.at(i);
            model.rowChanged(int(i));
        }
    }
}

} // namespace hearth::app
