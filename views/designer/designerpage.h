#pragma once

#include <engine.h>

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QThread;
class QTimer;
class QTreeWidget;

namespace durable::script {
struct DryRunResult;
struct ReplayVerdict;
}

namespace durable::views {

class CodeEditor;
class JsonTextEdit;
class StartDialog;

/// The Designer: write a JavaScript orchestration, check it (live syntax check with an error
/// marker, and a dry run on a sample input with stubbed activities that lists the actions the code
/// takes), replay the stored histories of the orchestrator's instances against it (the replay
/// test), save it in the hub as a new version (registered as "v<N>") and start it. Dry runs and
/// replay tests run on a short-lived thread of their own (script engines are per thread and die
/// with it); their results come back queued and stale ones are dropped.
class DesignerPage : public QWidget {
    Q_OBJECT
public:
    /// `engine` and `registry` (the one the engine runs) must outlive the page.
    DesignerPage(Engine *engine, Registry &registry, QWidget *parent = nullptr);
    ~DesignerPage() override;

    /// Replaces the code with template `index` of designerTemplates(), without asking.
    void loadTemplate(int index);
    QString code() const;
    void setCode(const QString &code);
    QString fileName() const;
    QString orchestrator() const;
    /// The code differs from what was last loaded from a template or a version, or saved.
    bool isModified() const;
    /// Asks whether to discard unsaved changes; true when there are none or the user agrees.
    bool maybeDiscard();
    /// Prompts (maybeDiscard) when `window` is about to close and keeps it open on Cancel.
    void guardClose(QWidget *window);

    /// Syntax check now (the editor also runs it shortly after typing stops).
    void checkSyntax();
    /// Syntax check and a dry run of the selected orchestrator; finished() reports.
    void check();
    /// Replays the stored histories of the orchestrator's instances against the editor's code.
    void runReplayTest();
    /// Saves the code in the hub as a new version and registers it; versionSaved() reports.
    void saveAsNewVersion();
    /// Opens the start dialog for the orchestrator (its latest registered version).
    StartDialog *openRunDialog();

    CodeEditor *editor() const { return m_editor; }
    QComboBox *templateBox() const { return m_templates; }
    QLineEdit *fileNameEdit() const { return m_fileName; }
    QComboBox *orchestratorBox() const { return m_orchestrator; }
    JsonTextEdit *inputEdit() const { return m_input; }
    JsonTextEdit *stubsEdit() const { return m_stubs; }
    QTreeWidget *actionList() const { return m_actionList; }
    QTreeWidget *replayList() const { return m_replayList; }
    QTreeWidget *versionList() const { return m_versionList; }
    QLabel *statusLine() const { return m_status; }
    QTabWidget *resultTabs() const { return m_results; }

    enum ActionColumn { StepColumn, IdColumn, NameColumn, InputColumn, AnswerColumn, ActionColumnCount };
    enum ReplayColumn {
        InstanceColumn,
        VersionColumn,
        VerdictColumn,
        DivergesAtColumn,
        DetailColumn,
        ReplayColumnCount
    };

Q_SIGNALS:
    void syntaxChecked(bool ok);
    void checkFinished();
    void replayTestFinished();
    void versionSaved(int version);
    void versionsListed();
    void instanceStarted(const QString &instanceId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *createToolRow();
    QWidget *createResults();
    void templateActivated(int index);
    std::optional<QStringList> definedOrchestrators();
    void showDryRun(const script::DryRunResult &result);
    void showReplayTest(const QString &name, const QList<script::ReplayVerdict> &verdicts,
                        const QHash<QString, QString> &versions, const std::optional<Error> &error);
    void reloadVersions();
    void loadVersion(int version);
    void startInstance(const QString &name, const QJsonValue &input, const QString &instanceId);
    void setStatus(const QString &text, bool error = false);
    void updateState();
    /// Runs `job` on a new thread; finished threads delete themselves, the destructor waits.
    void runOnScriptThread(std::function<void()> job);

    Engine *m_engine;
    Registry &m_registry;
    QComboBox *m_templates;
    QLineEdit *m_fileName;
    QComboBox *m_orchestrator;
    QLabel *m_state;
    CodeEditor *m_editor;
    QLabel *m_status;
    QTabWidget *m_results;
    JsonTextEdit *m_input;
    JsonTextEdit *m_stubs;
    QTreeWidget *m_actionList;
    QTreeWidget *m_replayList;
    QTreeWidget *m_versionList;
    QPushButton *m_checkButton;
    QPushButton *m_replayButton;
    QPushButton *m_saveButton;
    QPushButton *m_runButton;
    QTimer *m_syntaxTimer;
    QString m_baseline;
    int m_templateIndex = -1;
    quint64 m_dryRunRequest = 0;
    quint64 m_replayRequest = 0;
    quint64 m_versionsRequest = 0;
    QList<QThread *> m_threads;
};

} // namespace durable::views
