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
            // The position is told as line and column of the text as typed (characters, not
            // bytes). An error past the text lies in the wrapping: Qt's words would describe the
            // wrapper, so say what happened instead.
            const QByteArray utf8 = text.toUtf8();
            const int offset = int(parseError.offset) - 2; // the text starts after "[\n"
            QString reason;
            if (parseError.error == QJsonParseError::NoError)
                reason = JsonTextEdit::tr("more than one value");
            else if (offset >= utf8.size())
                reason = JsonTextEdit::tr("the text ends before the value is complete");
            else
                reason = parseError.errorString();
            const int at = parseError.error == QJsonParseError::NoError ? int(utf8.size())
                                                                        : std::clamp(offset, 0, int(utf8.size()));
            const QString before = QString::fromUtf8(utf8.left(at));
            const int line = int(before.count(QLatin1Char('\n'))) + 1;
            const int column = int(before.size() - before.lastIndexOf(QLatin1Char('\n')));
            *error = JsonTextEdit::tr("Invalid JSON at line %1, column %2: %3").arg(line).arg(column).arg(reason);
        }
        return std::nullopt;
    }
    return doc.array().at(0);
}

void JsonTextEdit::validate()
{
    const bool wasValid = isValid();
    const QString previous = m_error;
    QString error;
    const auto value = parse(text(), &error);
    m_error = error;
    m_value = value.value_or(QJsonValue());
    m_status->setText(isValid() ? tr("Valid JSON") : m_error);
    m_status->setForegroundRole(isValid() ? QPalette::PlaceholderText : QPalette::BrightText);
    m_status->setStyleSheet(isValid() ? QString() : QStringLiteral("color: #d32f2f"));
    if (wasValid != isValid())
        Q_EMIT validityChanged(isValid());
    if (previous != m_error)
        Q_EMIT errorChanged(m_error);
}

QString JsonTextEdit::statusText() const
{
    return m_status->text();
}

void JsonTextEdit::showError(const QString &message)
{
    m_status->setText(message);
    m_status->setStyleSheet(QStringLiteral("color: #d32f2f"));
}

} // namespace durable::views
