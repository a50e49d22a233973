#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QString>

/// The HTTP API panel's live request log: one row per answered request, newest last. Holds at
/// most maxRows() rows; the oldest go first when it is full, so a busy server cannot grow it
/// without bound.
class RequestLogModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Time, Method, Path, Status, Duration, ColumnCount };
    static constexpr int ClientGone = 0;

    struct Entry {
        QDateTime time;
        QString method;
        QString path; ///< with the query, the key already removed by the server
        int status = 0; ///< ClientGone: the client left before the answer
        qint64 durationMs = 0;
    };

    explicit RequestLogModel(int maxRows = 1000, QObject *parent = nullptr);

    int maxRows() const { return m_maxRows; }
    /// Appends a row, dropping the oldest first when the log is full.
    void append(const Entry &entry);
    void clear();
    const Entry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    int m_maxRows;
    QList<Entry> m_entries;
};
