/**
 * Application actions (actionhero's): CDI beans annotated {@link dev.switchboard.actions.Action} that
 * implement {@link dev.switchboard.actions.ActionHandler}, called with the {@code action} verb and listed
 * by {@code documentation}; the sample {@code echo}.
 *
 * <p>Depends on {@code protocol}.
 */
package dev.switchboard.actions;
