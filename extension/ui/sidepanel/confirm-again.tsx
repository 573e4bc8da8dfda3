// Asked before writing again to someone who was already written to.
export function ConfirmAgain({ name, onYes, onNo }: { name: string; onYes: () => void; onNo: () => void }) {
  return (
    <div className="banner warn" data-testid="confirm-again" style={{ display: 'block' }}>
      <p>
        You already wrote to <b>{name}</b>. Send another message anyway?
      </p>
      <div className="row" style={{ marginTop: 8 }}>
        <button className="btn small primary" onClick={onYes} data-testid="confirm-again-yes">
          Send anyway
        </button>
        <button className="btn small" onClick={onNo}>
          Cancel
        </button>
      </div>
    </div>
  );
}
