import { useTranslation } from 'react-i18next';
import { actionById, runAction, type ActionContext, type ActionId } from '../actions';

/** A button for a registered action: same guard as its shortcut, shortcut shown on the button. */
export function ActionButton({
  id,
  ctx,
  variant = 'default',
}: {
  id: ActionId;
  ctx: ActionContext;
  variant?: 'default' | 'primary' | 'danger';
}) {
  const { t } = useTranslation();
  const action = actionById(id);
  const pressed = action.pressed?.(ctx);
  return (
    <button
      type="button"
      className={`btn btn-${variant}`}
      disabled={!action.enabled(ctx)}
      aria-keyshortcuts={action.shortcut}
      aria-pressed={pressed}
      data-action={id}
      onClick={() => void runAction(action, ctx)}
    >
      {t(action.labelKey)} <kbd>{action.shortcut}</kbd>
    </button>
  );
}
