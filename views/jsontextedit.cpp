#include "jsontextedit.h"

#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QVBoxLayout>

namespace durable::views {

JsonTextEdit::JsonTextEdit(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setTabChangesFocus(true);
    m_status->setObjectName(QStringLiteral("jsonStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_edit);
    layout->addWidget(m_status);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &JsonTextEdit::validate);
    validate();
}

void JsonTextEdit::setJson(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull()) {
        m_edit->clear();
        return;
    }
    // Wrap in an array to serialise scalars too, then strip the brackets.
    const auto text = QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Indented));
    auto lines = text.split(QLatin1Char('\n'));
    lines = lines.mid(1, lines.size() - 3);
    for (auto &line : lines)
        line = line.mid(4);
    m_edit->setPlainText(lines.join(QLatin1Char('\n')));
}

void JsonTextEdit::setText(const QString &text)
{
    m_edit->setPlainText(text);
}

QString JsonTextEdit::text() const
{
    return m_edit->toPlainText();
}

std::optional<QJsonValue> JsonTextEdit::parse(const QString &text, QString *error)
{
    if (text.trimmed().isEmpty())
        return QJsonValue(QJsonValue::Null);
    // QJsonDocument only parses objects and arrays: wrap the text to accept any value.
    const QByteArray wrapped = "[\n" + text.toUtf8() + "\n]";
    QJsonParseError parseError;
    const auto doc = QJsonDocument::fromJson(wrapped, &parseError);
    if (parseError.error != QJsonParseError::NoError || doc.array().size() != 1) {
        if (error) {
            const QString reason = parseError.error != QJsonParseError::NoError
                ? parseError.errorString()
                : JsonTextEdit::tr("more than one value");
            const QByteArray utf8 = text.toUtf8();
            const int offset = parseError.offset - 2; // the text starts after "[\n"
            if (parseError.error == QJsonParseError::NoError || offset >= utf8.size()) {
                *error = JsonTextEdit::tr("Invalid JSON at the end of the text: %1").arg(reason);
            } else {
                const auto before = utf8.left(std::max(offset, 0));
                const int line = int(before.count('\n')) + 1;
                const int column = int(before.size() - before.lastIndexOf('\n'));
                *error = JsonTextEdit::tr("Invalid JSON at line %1, column %2: %3").arg(line).arg(column).arg(reason);
            }
        }
        return std::nullopt;
    }
    return doc.array().at(0);
}

void JsonTextEdit::validate()
{
    const bool wasValid = isValid();
    QString error;
    const auto value = parse(text(), &error);
    m_error = error;
    m_value = value.value_or(QJsonValue());
    m_status->setText(isValid() ? tr("Valid JSON") : m_error);
    m_status->setForegroundRole(isValid() ? QPalette::PlaceholderText : QPalette::BrightText);
    m_status->setStyleSheet(isValid() ? QString() : QStringLiteral("color: #d32f2f"));
    if (wasValid != isValid())
        Q_EMIT validityChanged(isValid());
}

} // namespace durable::views
